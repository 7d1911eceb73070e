import type { NextFunction, Request, Response } from 'express';

export interface SecurityHeaderOptions {
  isProduction: boolean;
  /** CSP frame-ancestors sources allowed to frame our pages (wall screens in a portal); empty: none. */
  frameAncestors: string[];
}

/**
 * Headers on every response. No referrer ever leaves a page of ours (the wall screen's first address
 * carries its token); a strict Content-Security-Policy for the dashboard (scripts and connections
 * only to ourselves, no plugins, framed only where configured); MIME sniffing off; HSTS in production
 * (behind TLS at the proxy). Apollo's development landing page at /graphql loads its sandbox from a
 * CDN, so /graphql gets the policy only in production, where that page is off.
 */
export function securityHeaders(options: SecurityHeaderOptions) {
  const frameAncestors = options.frameAncestors.length ? options.frameAncestors.join(' ') : "'none'";
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Vue and ECharts set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-content-type-options', 'nosniff');
    if (options.isProduction || !req.path.startsWith('/graphql')) res.setHeader('content-security-policy', csp);
    if (options.frameAncestors.length === 0) res.setHeader('x-frame-options', 'DENY');
    if (options.isProduction) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
