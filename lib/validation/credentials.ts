import { z } from "zod";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  // bcrypt reads only the first 72 bytes; the cap keeps hashing cost bounded.
  password: z.string().min(1).max(200),
});

export type Credentials = z.infer<typeof credentialsSchema>;
