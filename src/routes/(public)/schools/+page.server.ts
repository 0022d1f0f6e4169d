// The English school search: the same search as /scholen; the language comes from the address (hooks.server.ts).
export { load } from '../scholen/+page.server';
