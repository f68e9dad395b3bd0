import { anyResourceJsonSchema } from "@palisade/calico";

/** One JSON Schema for every kind Palisade edits (chosen by apiVersion + kind), from the calico model. */
export const RESOURCE_SCHEMA: Record<string, unknown> = anyResourceJsonSchema();
