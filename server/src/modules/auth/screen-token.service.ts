import type { EntityManager } from '@mikro-orm/postgresql';
import { parseId } from '../../core/ids.js';
import { DepartmentNotFoundError } from '../departments/department.errors.js';
import { Department } from '../departments/department.entity.js';
import { User } from './user.entity.js';
import { InvalidTokenError, ScreenLinkInvalidError, ScreenTokenNotFoundError } from './auth.errors.js';
import { ScreenCredential, ScreenLink } from './screen-link.entity.js';
import { BadInputError } from '../../errors.js';
import { ScreenToken } from './screen-token.entity.js';
import { newOpaqueToken, SCREEN_LINK_PREFIX, SCREEN_TOKEN_PREFIX, sha256 } from './tokens.js';
import { assertAdmin, type Viewer } from './viewer.js';

export class ScreenTokenService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  listScreenTokens(): Promise<ScreenToken[]> {
    return this.em.find(ScreenToken, {}, { orderBy: { id: 'desc' } });
  }

  /** Creates a token; its secret is returned here once and stored only as a hash. */
  async createScreenToken(input: { label: string; departmentIds?: string[] | null }): Promise<{ screenToken: ScreenToken; token: string }> {
    assertAdmin(this.viewer, 'createScreenToken');
    const label = input.label.trim();
    if (!label || label.length > 100) throw new BadInputError('名称不能为空，且不超过100字', 'INVALID_LABEL', 'label');
    if ((input.departmentIds?.length ?? 0) > 200) throw new BadInputError('最多限定200个单位', 'TOO_MANY_DEPARTMENTS', 'departmentIds');
    return this.em.transactional(async (em) => {
      const ids = [...new Set((input.departmentIds ?? []).map((id) => parseId(id, (v) => new DepartmentNotFoundError(v))))];
      const found = ids.length ? await em.find(Department, { id: { $in: ids } }) : [];
      for (const id of ids) if (!found.some((d) => d.id === id)) throw new DepartmentNotFoundError(id);
      const token = newOpaqueToken(SCREEN_TOKEN_PREFIX);
      const screenToken = em.create(ScreenToken, {
        label,
        tokenHash: sha256(token),
        departmentIds: ids,
        createdBy: this.viewer.kind === 'user' ? em.getReference(User, this.viewer.id, { wrapped: true }) : null,
      });
      return { screenToken, token };
    });
  }

  /** Revokes a token: refused from the next request on (the resolver then closes its open sockets). Idempotent. */
  async revokeScreenToken(id: string): Promise<ScreenToken> {
    assertAdmin(this.viewer, 'revokeScreenToken');
    return this.em.transactional(async (em) => {
      const screenToken = await em.findOne(ScreenToken, { id: parseId(id, (v) => new ScreenTokenNotFoundError(v)) });
      if (!screenToken) throw new ScreenTokenNotFoundError(id);
      screenToken.revokedAt ??= new Date();
      return screenToken;
    });
  }

  /**
   * A one-time link for a screen of this token: `/screen#code=…` (in the fragment, which browsers
   * never send to a server, so no access log or proxy sees it). Valid `validMinutes`, used once.
   */
  async createScreenLink(input: {
    screenTokenId: string;
    validMinutes?: number | null;
  }): Promise<{ link: ScreenLink; code: string; screenToken: ScreenToken }> {
    assertAdmin(this.viewer, 'createScreenLink');
    const minutes = input.validMinutes ?? SCREEN_LINK_DEFAULT_MINUTES;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > SCREEN_LINK_MAX_MINUTES) {
      throw new BadInputError(`有效期须为 1 至 ${SCREEN_LINK_MAX_MINUTES} 分钟的整数`, 'INVALID_VALIDITY', 'validMinutes');
    }
    return this.em.transactional(async (em) => {
      const screenToken = await em.findOne(ScreenToken, { id: parseId(input.screenTokenId, (v) => new ScreenTokenNotFoundError(v)) });
      if (!screenToken) throw new ScreenTokenNotFoundError(input.screenTokenId);
      if (screenToken.revokedAt) throw new BadInputError('该大屏令牌已撤销，不能再生成链接', 'SCREEN_TOKEN_REVOKED', 'screenTokenId');
      const code = newOpaqueToken(SCREEN_LINK_PREFIX);
      const link = em.create(ScreenLink, {
        screenToken,
        codeHash: sha256(code),
        expiresAt: new Date(Date.now() + minutes * 60_000),
        createdBy: this.viewer.kind === 'user' ? em.getReference(User, this.viewer.id, { wrapped: true }) : null,
      });
      return { link, code, screenToken };
    });
  }
}

export const SCREEN_LINK_DEFAULT_MINUTES = 30;
export const SCREEN_LINK_MAX_MINUTES = 7 * 24 * 60;

/**
 * Trades a one-time link's code for a long-lived credential of its screen token. The code is
 * spent in the same statement that checks it (two screens opening one link: one wins).
 * Anyone may call this: the code is the credential.
 */
export async function redeemScreenLink(em: EntityManager, code: string): Promise<{ token: string; screenToken: ScreenToken }> {
  if (typeof code !== 'string' || !code.startsWith(SCREEN_LINK_PREFIX) || code.length > 200) throw new ScreenLinkInvalidError('SCREEN_LINK_INVALID');
  return em.transactional(async (tx) => {
    const codeHash = sha256(code);
    const spent: { id: number; screen_token_id: number }[] = await tx
      .getConnection()
      .execute(`update screen_link set used_at = now() where code_hash = ? and used_at is null and expires_at > now() returning id, screen_token_id`, [
        codeHash,
      ]);
    if (!spent.length) {
      const link = await tx.findOne(ScreenLink, { codeHash });
      throw new ScreenLinkInvalidError(unusableLinkReason(link));
    }
    const screenToken = await tx.findOneOrFail(ScreenToken, { id: spent[0]!.screen_token_id });
    if (screenToken.revokedAt) throw new InvalidTokenError('TOKEN_REVOKED');
    const token = newOpaqueToken(SCREEN_TOKEN_PREFIX);
    tx.create(ScreenCredential, { screenToken, tokenHash: sha256(token), link: tx.getReference(ScreenLink, spent[0]!.id, { wrapped: true }) });
    return { token, screenToken };
  });
}

/** Why a code that opened nothing was refused: no such link, a link already used, or one past its time. */
function unusableLinkReason(link: ScreenLink | null): ConstructorParameters<typeof ScreenLinkInvalidError>[0] {
  if (!link) return 'SCREEN_LINK_INVALID';
  if (link.usedAt) return 'SCREEN_LINK_USED';
  return 'SCREEN_LINK_EXPIRED';
}
