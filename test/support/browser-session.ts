type App = { request(input: string, init?: RequestInit): Response | Promise<Response> };

export type Answer = { status: number; headers: Headers; body: any };

/**
 * What a browser on the Atlas's own pages sends: its cookie jar (the session cookie once set),
 * and the `Origin` and `Sec-Fetch-Site` of a same-origin fetch; `site` makes it another site's page.
 */
export function browserOn(app: App, { origin = 'http://localhost', site = 'same-origin' as string | null } = {}) {
  let cookie: string | undefined;
  const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...extra };
    if (cookie) headers.Cookie = cookie;
    if (method !== 'GET' && method !== 'HEAD') {
      headers.Origin = origin;
      if (site) headers['Sec-Fetch-Site'] = site;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await app.request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = response.headers.get('Set-Cookie');
    const pair = set ? /^atlas_session=([^;]*)/.exec(set) : null;
    if (pair) cookie = pair[1] && !/Max-Age=0/i.test(set!) ? `atlas_session=${pair[1]}` : undefined;
    const text = await response.text();
    const json = /json/.test(response.headers.get('Content-Type') ?? '');
    return { status: response.status, headers: response.headers, body: text ? (json ? JSON.parse(text) : text) : null };
  };
  return {
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => call('PATCH', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, undefined, headers),
    signIn: (email: string, password: string) => call('POST', '/api/session', { email, password }),
  };
}

export type BrowserSession = ReturnType<typeof browserOn>;
