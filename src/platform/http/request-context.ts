import type { FastifyRequest } from 'fastify';

/** The client address as the app sees it (behind a proxy, set trustProxy so this is the real one). */
export function clientIp(req: FastifyRequest): string {
  return req.ip ?? 'unknown';
}

/** Page parameters shared by list routes. */
export function pageWindow(page: number, pageSize: number): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}
