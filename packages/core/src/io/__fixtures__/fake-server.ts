// Test helper: a fetch over an in-memory set of files (URL → bytes), recording each request.

export type FakeServer = { fetch: (input: RequestInfo | URL) => Promise<Response>; requests: string[] };

export function fakeServer(files: Record<string, Uint8Array | string>): FakeServer {
  const requests: string[] = [];
  return {
    requests,
    fetch: async (input) => {
      const url = String(input);
      requests.push(url);
      const body = files[url];
      if (body === undefined) return new Response('not found', { status: 404 });
      return new Response(typeof body === 'string' ? body : (body.slice().buffer as ArrayBuffer), { status: 200 });
    },
  };
}
