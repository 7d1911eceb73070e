import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../../graphql/context.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { Department } from '../departments/department.entity.js';
import { IndexNumberService, type IndexNumberPreview, type IndexNumberSettings } from './index-number.service.js';
import { IndexNumberReset } from './publication-enums.js';
import { IndexNumberPreviewInput, SetIndexNumberTemplateInput } from './publication.inputs.js';
import { LocalDate } from '../../core/scalars.js';

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

@ObjectType('IndexNumberPreview', { description: 'The number the next item would get under a template being edited (nothing reserved)' })
export class IndexNumberPreviewType implements IndexNumberPreview {
  @Field(() => String, { description: 'e.g. 11410400MB1D00001X/202611-00042' })
  indexNumber!: string;

  @Field(() => LocalDate, { description: 'The publication date it was computed for' })
  publishedOn!: string;

  @Field(() => String, { description: 'The template, trimmed' })
  template!: string;

  @Field(() => IndexNumberReset)
  reset!: IndexNumberReset;
}

@Resolver(() => IndexNumberSettingsType)
export class IndexNumberResolver {
  @Query(() => IndexNumberSettingsType, { description: 'The 索引号 template of an organisation (root department)' })
  indexNumberSettings(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID) organizationId: string): Promise<IndexNumberSettings> {
    return new IndexNumberService(ctx.em, viewerOf(ctx)).getSettings(organizationId);
  }

  @Query(() => IndexNumberPreviewType, {
    description:
      'Try a template: the number the next item would get under it, computed by the code that assigns numbers; consumes no sequence number. A bad template is INVALID_INDEX_NUMBER_TEMPLATE',
  })
  indexNumberPreview(@Ctx() ctx: GraphQLContext, @Arg('input', () => IndexNumberPreviewInput) input: IndexNumberPreviewInput): Promise<IndexNumberPreview> {
    return new IndexNumberService(ctx.em, viewerOf(ctx)).previewTemplate(input, shanghaiDate());
  }

  @Mutation(() => IndexNumberSettingsType, { description: 'Set an organisation’s 索引号 template and reset rule; numbers already given never change' })
  setIndexNumberTemplate(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => SetIndexNumberTemplateInput) input: SetIndexNumberTemplateInput,
  ): Promise<IndexNumberSettings> {
    return new IndexNumberService(ctx.em, viewerOf(ctx)).setTemplate(input);
  }

  @FieldResolver(() => String, { description: 'The number an item published today would get next (nothing is reserved)' })
  nextForToday(@Ctx() ctx: GraphQLContext, @Root() settings: IndexNumberSettings): Promise<string> {
    return new IndexNumberService(ctx.em).previewNext(settings, shanghaiDate());
  }
}
