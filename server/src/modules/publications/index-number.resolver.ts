import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { Department } from '../departments/department.entity.js';
import { IndexNumberService, type IndexNumberSettings } from './index-number.service.js';
import { IndexNumberReset } from './publication-enums.js';
import { SetIndexNumberTemplateInput } from './publication.inputs.js';

@ObjectType('IndexNumberSettings', { description: 'An organisation’s 索引号 template in force' })
export class IndexNumberSettingsType implements IndexNumberSettings {
  @Field(() => Department)
  organization!: Department;

  @Field(() => String, { description: 'e.g. {creditCode}/{YYYY}{MM}-{SEQ:5}' })
  template!: string;

  @Field(() => IndexNumberReset)
  reset!: IndexNumberReset;

  @Field(() => Boolean, { description: 'No template was set: the default is used' })
  isDefault!: boolean;
}

@Resolver(() => IndexNumberSettingsType)
export class IndexNumberResolver {
  @Query(() => IndexNumberSettingsType, { description: 'The 索引号 template of an organisation (root department)' })
  indexNumberSettings(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID) organizationId: string): Promise<IndexNumberSettings> {
    return new IndexNumberService(ctx.em, viewerOf(ctx)).getSettings(organizationId);
  }

  @Mutation(() => IndexNumberSettingsType, { description: 'Set an organisation’s 索引号 template and reset rule; numbers already given never change' })
  setIndexNumberTemplate(@Ctx() ctx: GraphQLContext, @Arg('input', () => SetIndexNumberTemplateInput) input: SetIndexNumberTemplateInput): Promise<IndexNumberSettings> {
    return new IndexNumberService(ctx.em, viewerOf(ctx)).setTemplate(input);
  }

  @FieldResolver(() => String, { description: 'The number an item published today would get next (nothing is reserved)' })
  nextForToday(@Ctx() ctx: GraphQLContext, @Root() settings: IndexNumberSettings): Promise<string> {
    return new IndexNumberService(ctx.em).previewNext(settings, shanghaiDate());
  }
}
