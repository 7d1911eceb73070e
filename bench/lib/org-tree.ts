import type { Connection } from '@mikro-orm/postgresql';

/**
 * A bench organisation in bulk: the root (kind ORGANIZATION), 24 county-level units under it and the rest of
 * `departments` as townships under those (500 departments with the root by default), paths filled. Returns the root's id.
 */
export async function createBenchOrganization(sql: Connection, name: string, departments = 500): Promise<number> {
  const [{ id: orgId }] = await sql.execute<{ id: number }[]>(
    `insert into department (name, code, kind, path, credit_code, created_at) values (?, 'BENCH', 'ORGANIZATION', '', '11000000MB0000000X', now()) returning id`,
    [name],
  );
  await sql.execute(`update department set path = '/' || id || '/' where id = ${orgId}`);
  await sql.execute(
    `insert into department (name, code, kind, parent_id, path, sort_order, created_at)
     select '县直单位' || g, 'BENCH-C' || g, 'COUNTY_UNIT', ${orgId}, '', g, now() from generate_series(1, 24) g`,
  );
  await sql.execute(`update department set path = '/${orgId}/' || id || '/' where parent_id = ${orgId}`);
  await sql.execute(
    `insert into department (name, code, kind, parent_id, path, sort_order, created_at)
     select '乡镇' || g, 'BENCH-T' || g, 'TOWNSHIP', p.id, '', g, now()
     from generate_series(1, ${departments - 25}) g
     join (select id, row_number() over (order by id) - 1 as i from department where parent_id = ${orgId}) p on p.i = g % 24`,
  );
  await sql.execute(`update department d set path = p.path || d.id || '/' from department p where d.parent_id = p.id and d.path = ''`);
  return orgId;
}
