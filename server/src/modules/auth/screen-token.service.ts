import type { EntityManager } from '@mikro-orm/postgresql';
import { parseId } from '../../graphql/ids.js';
import { DepartmentNotFoundError } from '../departments/department.errors.js';
import { Department } from '../departments/department.entity.js';
import { User } from './user.entity.js';
import { ScreenTokenNotFoundError } from './auth.errors.js';
import { BadInputError } from '../../errors.js';
import { ScreenToken } from './screen-token.entity.js';
import { newOpaqueToken, SCREEN_TOKEN_PREFIX, sha256 } from './tokens.js';
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
}
