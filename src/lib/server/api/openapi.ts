/** The OpenAPI 3.1 description of the public API; served at /api/v1/openapi.json and used by the contract tests. */
const school = {
	type: 'object',
	additionalProperties: false,
	required: ['vestigingscode', 'instellingscode', 'name', 'place', 'postcode', 'sector', 'url'],
	properties: {
		vestigingscode: { type: 'string', pattern: '^[0-9]{2}[A-Z]{2}[0-9]{2}$', description: 'DUO location code' },
		instellingscode: { type: 'string', pattern: '^[0-9]{2}[A-Z]{2}$', description: 'DUO institution code (the former BRIN)' },
		name: { type: 'string' },
		place: { type: 'string' },
		postcode: { type: ['string', 'null'] },
		sector: { type: 'string', enum: ['po', 'vo', 'so', 'mbo', 'onbekend'] },
		url: { type: 'string', description: 'The public school page' }
	}
} as const;

const nullableString = { type: ['string', 'null'] } as const;

/** What a school published (src/lib/server/schools/school-profile.service.ts, toPublicProfile). */
const schoolProfile = {
	type: 'object',
	additionalProperties: false,
	required: ['published', 'contacts', 'coordinatorIsAanspreekpunt', 'mentorText', 'complaints', 'complaintsText', 'documents', 'programme', 'monitor'],
	properties: {
		published: { type: 'boolean', description: 'The school published at least one thing' },
		contacts: {
			type: 'array',
			description: 'Only the people the school chose to publish, in the order a parent needs them',
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['kind', 'name', 'jobTitle', 'email', 'phone', 'hours'],
				properties: {
					kind: { type: 'string', enum: ['aanspreekpunt', 'coordinator', 'vertrouwenspersoon_internal', 'vertrouwenspersoon_external', 'zorgcoordinator', 'mr'] },
					name: { type: 'string' },
					jobTitle: nullableString,
					email: nullableString,
					phone: nullableString,
					hours: nullableString
				}
			}
		},
		coordinatorIsAanspreekpunt: { type: 'boolean', description: 'The aanspreekpunt also coordinates the anti-bullying policy' },
		mentorText: nullableString,
		complaints: {
			oneOf: [
				{ type: 'null' },
				{
					type: 'object',
					additionalProperties: false,
					required: ['commission', 'name', 'url'],
					properties: { commission: { type: 'string', enum: ['lkc', 'other'] }, name: nullableString, url: nullableString }
				}
			]
		},
		complaintsText: nullableString,
		documents: {
			type: 'array',
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['kind', 'source', 'url', 'size', 'updatedAt'],
				properties: {
					kind: { type: 'string', enum: ['safety_policy', 'anti_bullying_protocol', 'online_bullying_protocol', 'complaints_procedure', 'school_guide'] },
					source: { type: 'string', enum: ['file', 'link'], description: 'file: a PDF served by Pestwijzer; link: on the school website' },
					url: { type: 'string', description: 'Where to get the document (absolute https link or our download address)' },
					size: { type: ['integer', 'null'], description: 'Bytes, for files' },
					updatedAt: { type: 'string' }
				}
			}
		},
		programme: {
			oneOf: [
				{ type: 'null' },
				{
					type: 'object',
					additionalProperties: false,
					required: ['name', 'fromCatalogue', 'sinceYear'],
					properties: { name: { type: 'string' }, fromCatalogue: { type: 'boolean' }, sinceYear: { type: ['integer', 'null'] } }
				}
			]
		},
		monitor: {
			oneOf: [
				{ type: 'null' },
				{
					type: 'object',
					additionalProperties: false,
					required: ['on', 'instrument'],
					properties: { on: { type: 'string', format: 'date' }, instrument: nullableString }
				}
			]
		}
	}
} as const;

const schoolDetail = {
	type: 'object',
	additionalProperties: false,
	required: [...school.required, 'profile'],
	properties: { ...school.properties, profile: { $ref: '#/components/schemas/SchoolProfile' } }
} as const;

const problem = {
	type: 'object',
	required: ['type', 'title', 'status'],
	properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } }
} as const;

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

export function openApiDocument(origin: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Pestwijzer public API',
			version: '1.0.0',
			description: 'Public data of Dutch schools in Pestwijzer: the DUO registry and what each school chose to publish about bullying (its contact people, routes and documents). Nothing about pupils or reports.'
		},
		servers: [{ url: `${origin}/api/v1` }],
		paths: {
			'/schools': {
				get: {
					operationId: 'searchSchools',
					summary: 'Find schools by name, place, postcode or code',
					parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 2, maxLength: 100 } }],
					responses: {
						'200': {
							description: 'At most 50 schools, ordered by place and name',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										additionalProperties: false,
										required: ['items'],
										properties: { items: { type: 'array', maxItems: 50, items: { $ref: '#/components/schemas/School' } } }
									}
								}
							}
						},
						'400': problemResponse('The query is missing or too short')
					}
				}
			},
			'/schools/{code}': {
				get: {
					operationId: 'getSchool',
					summary: 'One school by its vestigingscode',
					parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
					responses: {
						'200': {
							description: 'The school with what it published',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/SchoolDetail' } } }
						},
						'404': problemResponse('No school with this code')
					}
				}
			}
		},
		components: { schemas: { School: school, SchoolDetail: schoolDetail, SchoolProfile: schoolProfile, Problem: problem } }
	};
}
