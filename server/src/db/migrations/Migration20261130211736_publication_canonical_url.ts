import { Migration } from '@mikro-orm/migrations';
// The rule as it stood when this ran; later changes to it need a migration of their own.
import { canonicalUrl } from '../../modules/publications/canonical-url.js';

export class Migration20261130211736_publication_canonical_url extends Migration {
  override name = 'Migration20261130211736_publication_canonical_url';

  /**
   * Publications are compared by their canonical address from now on (canonical-url.ts). Existing
   * rows get theirs computed here; where two rows of one organisation turn out to be the same page,
   * nothing is deleted: the later ones are marked duplicateOf the first and listed in the log, for
   * the office to resolve (they keep counting until someone deletes them).
   */
  override async up(): Promise<void> {
    await this.execute(`alter table "publication" drop constraint "publication_url_unique";`);
    await this.execute(`alter table "publication" add "canonical_url" text null, add "duplicate_of_id" int null;`);
    let lastId = 0;
    for (;;) {
      const rows = (await this.execute(`select "id", "url" from "publication" where "id" > ${lastId} order by "id" limit 5000`)) as {
        id: number;
        url: string;
      }[];
      if (!rows.length) break;
      const values = JSON.stringify(rows.map((r) => ({ id: r.id, c: canonicalUrl(r.url) })));
      await this.execute(
        `update "publication" p set "canonical_url" = v.c from json_to_recordset('${values.replaceAll("'", "''")}'::json) as v(id int, c text) where p.id = v.id`,
      );
      lastId = rows[rows.length - 1]!.id;
    }
    const duplicates = (await this.execute(
      `update "publication" p set "duplicate_of_id" = f.first_id
         from (select "organization_id", "canonical_url", min("id") as first_id from "publication" group by 1, 2 having count(*) > 1) f
        where p."organization_id" = f."organization_id" and p."canonical_url" = f."canonical_url" and p."id" <> f.first_id
        returning p."id", f.first_id, p."url"`,
    )) as { id: number; first_id: number; url: string }[];
    if (duplicates.length) {
      console.warn(
        `Publications recorded twice (same page, another spelling of its address): ${duplicates.length}. Kept and marked duplicateOf; resolve them in the ledger:`,
      );
      for (const d of duplicates.slice(0, 50)) console.warn(`  publication ${d.id} = publication ${d.first_id} (${d.url})`);
      if (duplicates.length > 50) console.warn(`  … and ${duplicates.length - 50} more (publications(filter: { duplicatesOnly: true })).`);
    }
    await this.execute(`alter table "publication" alter column "canonical_url" set not null;`);
    await this.execute(
      `alter table "publication" add constraint "publication_duplicate_of_id_foreign" foreign key ("duplicate_of_id") references "publication" ("id") on delete set null;`,
    );
    await this.execute(
      `create unique index "publication_canonical_url_unique" on "publication" ("organization_id", "canonical_url") where "duplicate_of_id" is null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "publication" drop constraint "publication_duplicate_of_id_foreign";`);

    this.addSql(`drop index "publication_canonical_url_unique";`);
    this.addSql(`alter table "publication" drop column "canonical_url", drop column "duplicate_of_id";`);
    this.addSql(`alter table "publication" add constraint "publication_url_unique" unique ("organization_id", "url");`);
  }
}
