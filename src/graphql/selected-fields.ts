import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** The named fragments of a document, by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((definition) => [definition.name.value, definition]),
  );
}

/**
 * The fields of a selection set with its fragments spread in, each named fragment once (a fragment
 * spread twice selects the same fields, and a fragment cycle, which validation reports, must not loop).
 */
export function* fieldsOf(
  selectionSet: SelectionSetNode,
  fragment: (name: string) => FragmentDefinitionNode | null | undefined,
  spread: Set<string> = new Set(),
): Generator<FieldNode> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      yield selection;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      yield* fieldsOf(selection.selectionSet, fragment, spread);
    } else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const definition = fragment(selection.name.value);
      if (definition) yield* fieldsOf(definition.selectionSet, fragment, spread);
    }
  }
}
