import { config } from '$lib/server/config';
import { json } from '$lib/server/api/problem';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => json(openApiDocument(config().origin));
