import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The caller's IP address. Without a trusted proxy (`trustedProxies` 0), the socket's peer:
 * `X-Forwarded-For` is ignored, as anyone can send it. Behind `trustedProxies` proxies, each of
 * which appends the address it received the request from, the entry that many places from the end
 * (the one the outermost trusted proxy saw); entries further left are the client's own claims.
 */
export function clientAddress(c: Context, trustedProxies: number): string {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return socket;
  const forwarded = (c.req.header('X-Forwarded-For') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? socket;
}
