import { describe, expect, it } from 'vitest';
import { hrefFor, matchPath, normalizePath, parseHash, resolveRoute } from './router';

describe('parseHash', () => {
  it('reads the path and query of a hash', () => {
    const loc = parseHash('#/incidents?queue=net&state=new');
    expect(loc.path).toBe('/incidents');
    expect(loc.query.get('queue')).toBe('net');
    expect(loc.query.get('state')).toBe('new');
  });

  it('treats an empty hash, a bare # and stray slashes as the same paths', () => {
    expect(parseHash('').path).toBe('/');
    expect(parseHash('#').path).toBe('/');
    expect(parseHash('#//admin//users/').path).toBe('/admin/users');
    expect(parseHash('admin/users').path).toBe('/admin/users');
  });

  it('survives malformed percent-encoding instead of throwing', () => {
    expect(parseHash('#/knowledge/%E0%A4%A').path).toBe('/knowledge/%E0%A4%A');
  });
});

describe('matchPath', () => {
  it('matches static paths exactly', () => {
    expect(matchPath('/admin/users', '/admin/users')).toEqual({});
    expect(matchPath('/admin/users', '/admin/queues')).toBeNull();
    expect(matchPath('/admin', '/admin/users')).toBeNull();
  });

  it('captures and decodes parameters', () => {
    expect(matchPath('/incidents/:id', '/incidents/INC%200001')).toEqual({ id: 'INC 0001' });
    expect(matchPath('/incidents/:id', '/incidents')).toBeNull();
  });
});

describe('hrefFor', () => {
  it('builds links parseHash reads back', () => {
    const href = hrefFor('admin/users/', { filter: 'a b' });
    expect(href).toBe('#/admin/users?filter=a+b');
    const back = parseHash(href);
    expect(back.path).toBe('/admin/users');
    expect(back.query.get('filter')).toBe('a b');
    expect(normalizePath('')).toBe('/');
  });
});

describe('resolveRoute', () => {
  const routes = [
    { path: '/incidents', admin: false },
    { path: '/incidents/:id', admin: false },
    { path: '/admin/users', admin: true },
  ];
  const asAgent = { home: '/incidents', canOpen: (r: { admin: boolean }) => !r.admin };

  it('sends the root to the home page', () => {
    expect(resolveRoute(routes, '/', asAgent)).toEqual({ kind: 'redirect', to: '/incidents' });
  });

  it('matches with parameters', () => {
    const r = resolveRoute(routes, '/incidents/42', asAgent);
    expect(r.kind === 'match' && r.params).toEqual({ id: '42' });
  });

  it('reports a route the user may not open as forbidden, not as missing', () => {
    const r = resolveRoute(routes, '/admin/users', asAgent);
    expect(r.kind).toBe('forbidden');
  });

  it('reports unknown paths as not found', () => {
    expect(resolveRoute(routes, '/nope', asAgent)).toEqual({ kind: 'not-found', path: '/nope' });
  });
});
