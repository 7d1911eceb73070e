import { Migration } from '@mikro-orm/migrations';
import { pointFingerprint } from '../../modules/plans/import/fingerprint.js';

export class Migration20261201025636_work_point_fingerprint extends Migration {
  override name = 'Migration20261201025636_work_point_fingerprint';

  override async up(): Promise<void> {
    await this.execute(`alter table "work_point" add "fingerprint" text null;`);
    // The points stored before: their fingerprint is computed here, as the entity computes it on every write.
    const rows = (await this.execute(`select "id", "number", "title", "duties" from "work_point";`)) as {
      id: number;
      number: string;
      title: string;
      duties: string;
    }[];
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await this.execute(
        `update "work_point" as w set "fingerprint" = v.f from (values ${batch.map(() => '(?::int, ?)').join(', ')}) as v(id, f) where w."id" = v.id;`,
        batch.flatMap((r) => [r.id, pointFingerprint(r)]),
      );
    }
    await this.execute(`create index "work_point_fingerprint_index" on "work_point" ("fingerprint");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "work_point_fingerprint_index";`);
    this.addSql(`alter table "work_point" drop column "fingerprint";`);
  }
}
