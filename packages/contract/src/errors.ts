import { type Static, Type } from "typebox";

/** A field-level problem: `path` is a JSON-ish path such as `spec.ingress[0].destination.ports[1]`. */
export const FieldError = Type.Object({
  path: Type.String(),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

/** The one error body every route returns. */
export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Array(FieldError)),
});
export type ErrorBody = Static<typeof ErrorBody>;
