import { z } from "zod";
import { idParam, safeText } from "./bounded";

// NIST SP 800-63B asks for at least 8; ten keeps demo-grade passwords out of a real install.
export const MIN_PASSWORD_LENGTH = 10;
// bcrypt reads only the first 72 bytes; the cap keeps hashing cost bounded (as at sign-in).
export const MAX_PASSWORD_LENGTH = 200;

const blankToNull = (value: unknown) => (value === "" || value === undefined || value === null ? null : value);

/** A database id posted by a form: a positive integer (as a string). */
export const idField = idParam;

/** An optional id: an empty select ("none") is null. */
export const optionalIdField = z.preprocess(blankToNull, idField.nullable());

export const passwordField = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);

export const personNameField = safeText(120, { trim: true }).min(1);

export const emailField = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

/** A checkbox or a hidden "true"/"false". */
export const booleanField = z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean());
