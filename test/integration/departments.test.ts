import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let ids: Record<string, { id: string; version: number }>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code version } }`);
  ids = Object.fromEntries(departments.map((d: any) => [d.code, d]));
});
afterAll(() => server?.close());

const UPDATE = `mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { id version parent { code } } }`;

describe('departments', () => {
  it('lists the tree depth-first with parents and children', async () => {
    const { departments } = await server.gqlOk<any>(`{ departments { code kind parent { code } children { code } } }`);
    const codes = departments.map((d: any) => d.code);
    expect(codes.indexOf('PDS')).toBeLessThan(codes.indexOf('PDS-ZFZD'));
    expect(codes.indexOf('PDS-ZFZD')).toBe(codes.indexOf('PDS-ZFZD-1') - 1);
    const zd = departments.find((d: any) => d.code === 'PDS-ZFZD');
    expect(zd.parent.code).toBe('PDS');
    expect(zd.children.map((c: any) => c.code)).toEqual(['PDS-ZFZD-1', 'PDS-ZFZD-2']);
    expect(departments.filter((d: any) => d.kind === 'ORGANIZATION').map((d: any) => d.code)).toEqual(['PDS', 'WX']);
  });

  it('moves a department with its subtree', async () => {
    const { createDepartment: team } = await server.gqlOk<any>(`mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id version } }`, {
      i: { name: '执法一中队', code: 'PDS-ZFZD-1-1', kind: 'SUBORDINATE_UNIT', parentId: ids['PDS-ZFZD-1']!.id },
    });
    await server.gqlOk(UPDATE, { i: { id: ids['PDS-ZFZD-1']!.id, version: ids['PDS-ZFZD-1']!.version, parentId: ids['PDS-HWZX']!.id } });
    const rows = await server.sql(`select code, path from department where code in ('PDS-HWZX','PDS-ZFZD-1','PDS-ZFZD-1-1')`);
    const path = Object.fromEntries(rows.map((r: any) => [r.code, r.path]));
    expect(path['PDS-ZFZD-1']).toBe(`${path['PDS-HWZX']}${ids['PDS-ZFZD-1']!.id}/`);
    expect(path['PDS-ZFZD-1-1']).toBe(`${path['PDS-ZFZD-1']}${team.id}/`);
  });

  it('refuses to make a department its own ancestor, and writes nothing', async () => {
    const before = await server.sql(`select id, parent_id, path, version from department order by id`);
    const [{ version }] = await server.sql(`select version from department where code = 'PDS-ZFZD'`);
    const self = await server.gql(UPDATE, { i: { id: ids['PDS-ZFZD']!.id, version, parentId: ids['PDS-ZFZD']!.id } });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DEPARTMENT_CYCLE', field: 'parentId' });
    const child = await server.gql(UPDATE, { i: { id: ids['PDS-ZFZD']!.id, version, parentId: ids['PDS-ZFZD-2']!.id } });
    expect(child.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DEPARTMENT_CYCLE' });
    expect(child.errors?.[0]?.message).toContain('不能把');
    expect(await server.sql(`select id, parent_id, path, version from department order by id`)).toEqual(before);
  });

  it('refuses a taken code, a root that is not an organisation, and a stale version', async () => {
    const taken = await server.gql(`mutation { createDepartment(input: { name: "重复", code: "PDS-BGS", kind: OFFICE, parentId: "${ids.PDS!.id}" }) { id } }`);
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DEPARTMENT_CODE_TAKEN', field: 'code' });
    const rootless = await server.gql(`mutation { createDepartment(input: { name: "无上级科室", code: "X-1", kind: OFFICE }) { id } }`);
    expect(rootless.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ROOT_KIND_MISMATCH' });
    const stale = await server.gql(UPDATE, { i: { id: ids['PDS-BGS']!.id, version: ids['PDS-BGS']!.version - 1, name: '新名称' } });
    expect(stale.errors?.[0]?.extensions?.code).toBe('STALE_VERSION');
    const [{ name }] = await server.sql(`select name from department where code = 'PDS-BGS'`);
    expect(name).toBe('局办公室');
  });
});
