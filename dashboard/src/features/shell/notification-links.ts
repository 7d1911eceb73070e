/**
 * Where clicking a notification leads: an in-app path (/department?notice=3) for the router; anything
 * else (another site, a protocol-relative //host, a script URL) is not followed.
 */
export function inAppPath(link: string | null | undefined): string | null {
  if (!link) return null;
  const path = link.trim();
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : null;
}

/** The count on the bell: nothing at 0, "99+" beyond 99. */
export function unreadBadge(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}
