import { Collection, OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DepartmentKind } from './department-kind.js';

/**
 * 单位/科室: a node of the bureau's organisation tree. The root (kind ORGANIZATION) is the
 * bureau itself and carries the 统一社会信用代码 used in 索引号.
 */
// Plain fields resolve as properties (simpleResolvers: the global middlewares only act on root fields): a department is
// nested in long lists, e.g. each of the overdue list's items (issue 18). Its field resolvers (parent, children) keep them.
@ObjectType({ description: '单位/科室', simpleResolvers: true })
@Entity({ tableName: 'department' })
export class Department {
  [OptionalProps]?: 'sortOrder' | 'version' | 'createdAt' | 'pathIds' | 'children' | 'creditCode';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Short code, unique across the system (e.g. "PDS-BGS")' })
  @Property({ type: 'text' })
  @Unique()
  code!: string;

  @Field(() => DepartmentKind)
  @Enum({ items: () => DepartmentKind, nativeEnumName: 'department_kind' })
  kind!: DepartmentKind;

  @ManyToOne(() => Department, { nullable: true, deleteRule: 'restrict', ref: true })
  @Index()
  parent?: Ref<Department> | null;

  @OneToMany(() => Department, (d) => d.parent)
  children = new Collection<Department>(this);

  /** Materialised path of ids, e.g. "/1/4/", so a subtree is one prefix match. */
  @Property({ type: 'text' })
  @Index({ name: 'department_path_pattern_index', expression: 'create index "department_path_pattern_index" on "department" ("path" text_pattern_ops)' })
  path!: string;

  @Field(() => String, { nullable: true, description: '统一社会信用代码, normally on the root only' })
  @Property({ type: 'text', nullable: true })
  creditCode?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  sortOrder: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  /** Ids of this department and its ancestors, root first. */
  get pathIds(): number[] {
    return this.path.split('/').filter(Boolean).map(Number);
  }
}
