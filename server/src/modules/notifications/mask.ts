/** A URL's query values (a robot webhook's key or access_token) shown by their last 4 characters; other text as it is. */
export function maskWebhookKey(value: string): string {
  if (!/^https?:\/\//i.test(value)) return value;
  try {
    const url = new URL(value);
    for (const [name, v] of [...url.searchParams]) url.searchParams.set(name, v.length > 4 ? `…${v.slice(-4)}` : '…');
    return decodeURIComponent(url.toString());
  } catch {
    return '…';
  }
}
