/** What the notification services need from the configuration, resolved once at start (app.ts). */
export interface NotificationSettings {
  /** PUBLIC_URL: links in messages that leave the product are made absolute with it. */
  publicUrl: string | null;
  /** Seals robot secrets (secret-box.ts). */
  secretKey: Buffer;
  /** Production: robot webhooks must be https and not point into the private network. */
  production: boolean;
}
