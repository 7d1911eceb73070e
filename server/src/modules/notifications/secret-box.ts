/**
 * Secrets of the notification channels (the 钉钉 加签 secret) at rest: AES-256-GCM with a random 12-byte IV,
 * written as `v1:<iv>:<tag>:<ciphertext>` (each base64url). The key comes from deployment configuration through
 * `deriveSecretKey`; a wrong key or an altered value is refused by the GCM tag, never decrypted into garbage. Pure.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HKDF_INFO = 'zwgk notification secrets';

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`通知渠道加密密钥长度应为 ${KEY_BYTES} 字节，实为 ${key.length} 字节`);
}

/**
 * The 32-byte key for `sealSecret` / `openSecret`, derived from configured key material with HKDF-SHA-256
 * (info "zwgk notification secrets"). The same material always gives the same key.
 */
export function deriveSecretKey(material: string): Buffer {
  if (!material) throw new Error('通知渠道加密密钥材料为空');
  return Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), HKDF_INFO, KEY_BYTES));
}

/** Encrypts `plain` under `key` (32 bytes): `v1:<iv>:<tag>:<ciphertext>`, a new random IV each call. */
export function sealSecret(plain: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join(':');
}

/**
 * Decrypts a value written by `sealSecret`. Throws when the value is not in that form, or when the key is not the
 * one it was sealed with or the value was altered (the authentication tag does not match).
 */
export function openSecret(sealed: string, key: Buffer): string {
  assertKey(key);
  const parts = sealed.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('通知渠道密钥的密文格式不对（应为 v1:iv:tag:密文）');
  const [, ivText = '', tagText = '', ciphertextText = ''] = parts;
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  const ciphertext = Buffer.from(ciphertextText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('通知渠道密钥的密文格式不对（IV 或校验码长度不符）');
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('无法解密通知渠道密钥：加密密钥不对，或密文已被改动');
  }
}
