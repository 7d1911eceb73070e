import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationTypeNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/** Limits on what one operation may ask for. */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 40,
  maxCost: 25_000,
  /** Tokens in the query text (enforced by the parser, before validation). */
  maxTokens: 5_000,
  /** Size assumed for a list without `first`. */
  defaultListSize: 10,
  /** Assumed for `first` given by a variable (the value is not known at validation). */
  maxPageSize: 100,
};

export interface OperationShape {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Depth, alias count and an estimated cost (fields × list sizes; `first` when given) of a
 * selection. Introspection fields (`__schema` …) are not counted, so tools keep working.
 */
export function measureSelection(
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
  seen: Set<string> = new Set(),
): OperationShape {
  let depth = 0;
  let aliases = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const shape = measureField(schema, parentType, selection, fragments, variables, seen);
      depth = Math.max(depth, shape.depth);
      aliases += shape.aliases;
      cost += shape.cost;
      continue;
    }
    let typeCondition = parentType;
    let inner: SelectionSetNode;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = selection.selectionSet;
      if (selection.typeCondition) typeCondition = (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) ?? parentType;
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      // A fragment cycle is reported by the standard rules; do not recurse forever.
      if (!fragment || seen.has(name)) continue;
      inner = fragment.selectionSet;
      typeCondition = (schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType) ?? parentType;
      seen = new Set([...seen, name]);
    }
    const shape = measureSelection(schema, typeCondition, inner, fragments, variables, seen);
    depth = Math.max(depth, shape.depth);
    aliases += shape.aliases;
    cost += shape.cost;
  }
  return { depth, aliases, cost };
}

function measureField(
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType,
  field: FieldNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
): OperationShape {
  if (field.name.value.startsWith('__')) return { depth: 0, aliases: 0, cost: 0 };
  const aliases = field.alias ? 1 : 0;
  const fieldDef = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[field.name.value] : undefined;
  if (!field.selectionSet || !fieldDef) return { depth: 1, aliases, cost: 1 };
  const returnType = getNamedType(fieldDef.type);
  const child = isCompositeType(returnType)
    ? measureSelection(schema, returnType, field.selectionSet, fragments, variables, seen)
    : { depth: 0, aliases: 0, cost: 0 };
  const multiplier = multiplierOf(field, fieldDef.type, variables);
  return { depth: child.depth + 1, aliases: aliases + child.aliases, cost: 1 + multiplier * child.cost };
}

/**
 * How many times a field's selection is counted: its `first` when given (maxPageSize when unknown),
 * defaultListSize for a list without it, else once. A connection's `nodes` and `edges` lists count
 * once: the `first` on the connection field sizes them.
 */
function multiplierOf(field: FieldNode, type: GraphQLOutputType, variables: Record<string, unknown>): number {
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (first) return Math.max(1, Number(valueOf(first.value, variables) ?? QUERY_LIMITS.maxPageSize) || QUERY_LIMITS.maxPageSize);
  const isList = isListType(getNullableType(type));
  if (isList && field.name.value !== 'nodes' && field.name.value !== 'edges') return QUERY_LIMITS.defaultListSize;
  return 1;
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  return undefined;
}

/** The type an operation's selection starts from (null when the schema has none for it). */
function rootTypeOf(schema: GraphQLSchema, operation: OperationTypeNode): GraphQLObjectType | null | undefined {
  if (operation === 'query') return schema.getQueryType();
  if (operation === 'mutation') return schema.getMutationType();
  return schema.getSubscriptionType();
}

/** Validation rule refusing operations beyond QUERY_LIMITS, with a message a person understands. */
export function operationLimitsRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  return {
    OperationDefinition(node) {
      const root = rootTypeOf(schema, node.operation);
      if (!root) return;
      const shape = measureSelection(schema, root, node.selectionSet, fragments);
      const fail = (message: string, reason: string) => context.reportError(new GraphQLError(message, { nodes: [node], extensions: { reason } }));
      if (shape.depth > QUERY_LIMITS.maxDepth) fail(`查询嵌套过深：${shape.depth} 层，上限 ${QUERY_LIMITS.maxDepth} 层`, 'QUERY_TOO_DEEP');
      if (shape.aliases > QUERY_LIMITS.maxAliases) fail(`查询别名过多：${shape.aliases} 个，上限 ${QUERY_LIMITS.maxAliases} 个`, 'TOO_MANY_ALIASES');
      if (shape.cost > QUERY_LIMITS.maxCost) fail(`查询代价过高（估算 ${shape.cost}，上限 ${QUERY_LIMITS.maxCost}），请减少字段或分页查询`, 'QUERY_TOO_COSTLY');
    },
  };
}
