import { createServer } from 'node:http';

export type HostPage = { url: string; close(): Promise<void> };

/** Another site (another port, so another origin) serving one page at every path, with `headers`. */
export async function serveHostPage(html: string, headers: Record<string, string> = {}): Promise<HostPage> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A page of `title` holding `body` and the Atlas's embed script. */
export const embeddingPage = (title: string, body: string, atlasUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head><body>
${body}
<script src="${atlasUrl}/embed.js" async></script>
</body></html>`;
