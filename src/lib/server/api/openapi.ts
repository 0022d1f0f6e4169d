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
			description: 'Public data of Dutch schools in Pestwijzer: the DUO registry and, later, what schools publish about bullying. No personal data.'
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
						'200': { description: 'The school', content: { 'application/json': { schema: { $ref: '#/components/schemas/School' } } } },
						'404': problemResponse('No school with this code')
					}
				}
			}
		},
		components: { schemas: { School: school, Problem: problem } }
	};
}
