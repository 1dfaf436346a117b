import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HubError } from './hub-error';

/** Paths that belong to machines, never to the single-page app. */
const API_PATHS = ['/api', '/sync', '/blobs', '/health'];

export const isApiPath = (path: string): boolean =>
  API_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

const wantsHtml = (request: FastifyRequest): boolean =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  (request.headers.accept ?? '').includes('text/html');

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Outpost hub</title></head>
<body><h1>Outpost hub is running</h1>
<p>The web app has not been built yet. Run <code>npm run build</code> in the Outpost
folder, then reload this page. The API is available under <code>/api/v1</code>.</p>
</body></html>
`;

/** True when `dir` holds a built renderer. */
export const hasBuiltRenderer = (dir: string | null): dir is string =>
  dir !== null && existsSync(join(dir, 'index.html'));

/**
 * Serves the built renderer with an SPA fallback (a deep link such as
 * /tickets/INC0001 loads index.html and the client router takes over), and
 * answers unknown API paths with the JSON error body.
 */
export async function installWebRoot(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const built = hasBuiltRenderer(webRoot);
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: ['index.html'],
      setHeaders: (res: FastifyReply, filePath: string) => {
        // Vite fingerprints asset names, so they never change; index.html must
        // be revalidated or a browser would keep loading an old build.
        if (filePath.endsWith('index.html')) void res.header('cache-control', 'no-cache');
        else if (filePath.includes(`${sep}assets${sep}`)) {
          void res.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (!isApiPath(path) && (path === '/' || wantsHtml(request))) {
      if (built) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return reply.type('text/html; charset=utf-8').send(MISSING_BUILD_PAGE);
    }
    throw new HubError('NOT_FOUND', `No such endpoint: ${request.method} ${path}`);
  });
}
