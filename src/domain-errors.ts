/**
 * Input that breaks a rule of the domain (a period the Costs API cannot answer, say). Thrown by
 * domain code, which knows nothing of GraphQL; formatError reports it as BAD_USER_INPUT.
 */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';

  constructor(
    message: string,
    /** The argument at fault, as the schema names it. */
    readonly argument: string,
  ) {
    super(message);
  }
}
