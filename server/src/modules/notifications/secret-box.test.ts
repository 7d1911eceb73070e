import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSecretKey, openSecret, sealSecret } from './secret-box.js';

const key = deriveSecretKey('test key material');

/** Flips one bit of a base64url field of a sealed value. */
function flipBit(sealed: string, field: 1 | 2 | 3): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[field]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[field] = bytes.toString('base64url');
  return parts.join(':');
}

describe('secret box', () => {
  it('round-trips a secret, Chinese text and the empty string', () => {
    for (const plain of ['SEC0123456789abcdef', '加签密钥：测试 ✓', '']) {
      expect(openSecret(sealSecret(plain, key), key)).toBe(plain);
    }
  });

  it('writes v1:<iv>:<tag>:<ciphertext> without the plain text', () => {
    const sealed = sealSecret('SECplaintext', key);
    const [version, iv, tag, ciphertext] = sealed.split(':');
    expect(version).toBe('v1');
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ciphertext!, 'base64url')).toHaveLength('SECplaintext'.length);
    expect(sealed).not.toContain('SECplaintext');
  });

  it('uses a different IV each time', () => {
    const sealed = Array.from({ length: 20 }, () => sealSecret('same secret', key));
    expect(new Set(sealed.map((s) => s.split(':')[1])).size).toBe(20);
    expect(new Set(sealed).size).toBe(20);
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const sealed = sealSecret('SECsecret', key);
    for (const field of [1, 2, 3] as const) {
      expect(() => openSecret(flipBit(sealed, field), key)).toThrow(/加密密钥不对，或密文已被改动/);
    }
  });

  it('refuses a wrong key', () => {
    const sealed = sealSecret('SECsecret', key);
    expect(() => openSecret(sealed, deriveSecretKey('another key material'))).toThrow(/加密密钥不对/);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(/加密密钥不对/);
  });

  it('refuses a value not in the v1 form, and a key of the wrong length', () => {
    expect(() => openSecret('SECplain', key)).toThrow(/格式不对/);
    expect(() => openSecret('v2:a:b:c', key)).toThrow(/格式不对/);
    expect(() => openSecret('v1:AAAA:AAAA:AAAA', key)).toThrow(/长度不符/);
    expect(() => sealSecret('x', randomBytes(16))).toThrow(/32 字节/);
  });

  it('derives the same 32-byte key from the same material, another from other material', () => {
    expect(deriveSecretKey('material')).toHaveLength(32);
    expect(deriveSecretKey('material').equals(deriveSecretKey('material'))).toBe(true);
    expect(deriveSecretKey('material').equals(deriveSecretKey('material2'))).toBe(false);
    expect(() => deriveSecretKey('')).toThrow();
  });
});
