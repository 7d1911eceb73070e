import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(() => server?.close());
it('explore', async () => {
  console.log(await server.sql(`select d.id, d.code, d.path, count(t.id)::int n from department d left join task t on t.department_id=d.id group by d.id order by d.path`));
  console.log(await server.sql(`select id, username, role, department_id from app_user`));
  console.log(await server.sql(`select * from screen_token`));
  console.log(await server.sql(`select count(*) from audit_entry`));
  console.log(await server.sql(`select table_name from information_schema.tables where table_schema='public'`));
});
