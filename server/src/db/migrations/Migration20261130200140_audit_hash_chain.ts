import { Migration } from '@mikro-orm/migrations';

export class Migration20261130200140_audit_hash_chain extends Migration {
  override name = 'Migration20261130200140_audit_hash_chain';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_chain_head" ("id" int not null, "last_id" int null, "last_hash" text null, primary key ("id"));`);

    this.addSql(`alter table "audit_entry" add "prev_hash" text null, add "hash" text null;`);

    // 留痕 as evidence: each entry's hash covers the previous entry's hash and its own content (jsonb's
    // text form is canonical); the same function chains on insert and verifies.
    this.addSql(`create function audit_entry_digest(prev text, e audit_entry) returns text language sql immutable as $$
      select encode(sha256(convert_to(jsonb_build_array(prev, e.id, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.actor_type, e.actor_id, e.actor_name, e.operation, e.target_type, e.target_id, e.action, e.department_id, e.changes, e.request_id)::text, 'UTF8')), 'hex')
    $$;`);
    this.addSql(`insert into audit_chain_head (id, last_id, last_hash) values (1, null, null);`);
    // Chain the entries written before this migration, in id order.
    this.addSql(`do $$
      declare e audit_entry; last text := null; newest int := null;
      begin
        for e in select * from audit_entry order by id loop
          update audit_entry set prev_hash = last, hash = audit_entry_digest(last, e) where id = e.id returning hash into last;
          newest := e.id;
        end loop;
        update audit_chain_head set last_id = newest, last_hash = last where id = 1;
      end $$;`);
    // Every new entry: lock the head (one at a time), take the next id under the lock (so id order is
    // chain order), chain it, move the head.
    this.addSql(`create function audit_entry_chain() returns trigger language plpgsql as $$
      declare last text;
      begin
        select last_hash into last from audit_chain_head where id = 1 for update;
        new.id := nextval(pg_get_serial_sequence('audit_entry', 'id'));
        new.prev_hash := last;
        new.hash := audit_entry_digest(last, new);
        update audit_chain_head set last_id = new.id, last_hash = new.hash where id = 1;
        return new;
      end $$;`);
    this.addSql(`create trigger audit_entry_chain before insert on audit_entry for each row execute function audit_entry_chain();`);
    // Append-only: the app never updates or deletes an entry; nobody else may either.
    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$
      begin
        raise exception '留痕不可修改或删除（audit_entry is append-only）' using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_entry_append_only before update or delete on audit_entry for each row execute function audit_entry_append_only();`);
    this.addSql(`create trigger audit_chain_head_append_only before delete on audit_chain_head for each row execute function audit_entry_append_only();`);
    // The first entry whose chain does not hold (null: intact), and how many entries were checked.
    this.addSql(`create function audit_verify(out ok boolean, out first_broken_id int, out checked int) language plpgsql stable as $$
      declare e audit_entry; last text := null; head audit_chain_head;
      begin
        checked := 0;
        for e in select * from audit_entry order by id loop
          checked := checked + 1;
          if e.prev_hash is distinct from last or e.hash is distinct from audit_entry_digest(e.prev_hash, e) then
            ok := false; first_broken_id := e.id; return;
          end if;
          last := e.hash;
        end loop;
        select * into head from audit_chain_head where id = 1;
        -- The newest entries deleted: the head names an entry that is not there (or another hash).
        if head.last_hash is distinct from last then
          ok := false; first_broken_id := coalesce(head.last_id, 0); return;
        end if;
        ok := true;
      end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop function if exists audit_verify();`);
    this.addSql(`drop trigger if exists audit_entry_append_only on audit_entry;`);
    this.addSql(`drop trigger if exists audit_entry_chain on audit_entry;`);
    this.addSql(`drop function if exists audit_entry_append_only() cascade;`);
    this.addSql(`drop function if exists audit_entry_chain();`);
    this.addSql(`drop function if exists audit_entry_digest(text, audit_entry);`);
    this.addSql(`drop table if exists "audit_chain_head" cascade;`);

    this.addSql(`alter table "audit_entry" drop column "prev_hash", drop column "hash";`);
  }
}
