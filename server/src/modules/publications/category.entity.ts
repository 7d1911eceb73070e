import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * 目录分类: a node of the disclosure catalogue (机构概况, 政策文件, 政策解读 …). A tree, configurable;
 * the top level is reference data seeded in every database. Names are unique, so that a ledger
 * row can name its category.
 */
@ObjectType({ description: '公开目录分类' })
@Entity({ tableName: 'category' })
export class Category {
  [OptionalProps]?: 'sortOrder' | 'isInterpretation' | 'isActive' | 'version' | 'createdAt' | 'pathIds';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  @Unique()
  name!: string;

  @ManyToOne(() => Category, { nullable: true, deleteRule: 'restrict', ref: true })
  @Index()
  parent?: Ref<Category> | null;

  /** Materialised path of ids, e.g. "/5/12/": a publication is counted under its category and every ancestor. */
  @Property({ type: 'text' })
  path!: string;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  sortOrder: number = 0;

  @Field(() => Boolean, { description: '政策解读类: its publications must give their form (文字, 图表 …), for the 50% non-text rule' })
  @Property({ type: 'boolean', default: false })
  isInterpretation: boolean = false;

  @Field(() => Boolean, { description: 'Inactive categories stay on old publications but take no new ones' })
  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Date = new Date();

  /** Ids of this category and its ancestors, root first. */
  get pathIds(): number[] {
    return this.path.split('/').filter(Boolean).map(Number);
  }
}
