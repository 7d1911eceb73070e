import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { AppLogger } from '../core/logger.js';
import { DomainError, type ErrorCode } from '../errors.js';
import { accessOf } from '../graphql/operations.js';
import { LoginRequiredError, RoleForbiddenError } from '../modules/auth/auth.errors.js';
import { AuthService, type AuthSettings } from '../modules/auth/auth.service.js';
import type { Viewer } from '../modules/auth/viewer.js';

/**
 * HTTP routes beside the GraphQL API (exports, uploads): the caller is resolved from the same Bearer
 * token, the access rule of the matching GraphQL operation applies, and refusals are JSON in the
 * GraphQL error shape: { errors: [{ message, extensions: { code, reason, field } }] }.
 */
const STATUS_OF: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  TOO_MANY_REQUESTS: 429,
};

export interface Caller {
  em: EntityManager;
  viewer: Viewer;
  requestId: string;
}

export interface AuthorizedRouteDeps {
  orm: MikroORM;
  auth: AuthSettings;
  logger: AppLogger;
}

/** Resolves the caller and applies the access rule of `operation`, then runs the handler with error mapping. */
export function authorizedHandler(deps: AuthorizedRouteDeps) {
  return (operation: string, handler: (req: Request, res: Response, caller: Caller) => Promise<void>) =>
    async (req: Request, res: Response, _next: NextFunction) => {
      try {
        const em = deps.orm.em.fork();
        const viewer = await new AuthService(em, deps.auth).authenticate(req.headers.authorization);
        if (!viewer) throw new LoginRequiredError();
        const access = accessOf(operation);
        if (access === undefined || (access !== 'PUBLIC' && !access.includes(viewer.role))) throw new RoleForbiddenError(operation);
        const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) ?? randomUUID();
        await handler(req, res, { em, viewer, requestId });
      } catch (error) {
        sendError(req, res, error, deps.logger);
      }
    };
}

/** Content-Disposition with the Chinese name (RFC 5987) and an ASCII fallback. */
export function attachment(name: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** How much of a refused upload we read and discard so that the client gets to read the 413 (then we hang up). */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/** A refusal as JSON with its status (a DomainError may carry its own `httpStatus`, e.g. 413); anything else a 500 with an error id. */
export function sendError(req: Request, res: Response, error: unknown, logger: AppLogger): void {
  if (res.headersSent) {
    logger.error('HTTP export failed after the response started', error);
    res.destroy();
    return;
  }
  if (error instanceof DomainError) {
    const status = (error as DomainError & { httpStatus?: number }).httpStatus ?? STATUS_OF[error.code];
    if (status === 413 && !req.complete) {
      // Hanging up at once would break the client's upload (EPIPE) before it reads our answer: the rest
      // of the body is read and thrown away (the connection stays usable), but only up to a bound.
      let discarded = 0;
      req.removeAllListeners('data');
      req.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > MAX_DISCARD_BYTES) req.socket.destroy();
      });
      req.resume();
      res.status(status).json({
        errors: [
          {
            message: error.message,
            extensions: { code: error.code, reason: error.reason, ...(error.field ? { field: error.field } : {}), ...error.details },
          },
        ],
      });
      return;
    }
    res.status(status).json({
      errors: [
        { message: error.message, extensions: { code: error.code, reason: error.reason, ...(error.field ? { field: error.field } : {}), ...error.details } },
      ],
    });
    return;
  }
  const errorId = randomUUID();
  logger.error(`HTTP error ${errorId}`, error);
  res.status(500).json({ errors: [{ message: `服务器内部错误，请稍后重试（错误编号 ${errorId}）`, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } }] });
}
