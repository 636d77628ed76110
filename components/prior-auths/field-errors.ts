/** The field errors a tRPC error carries (zod's per field, or a domain error's one field), for inline messages. */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  const data = (e as { data?: { field?: string | null; zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } } | null)?.data;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data?.zodError?.fieldErrors ?? {})) if (v?.[0]) out[k] = v[0];
  if (data?.field && !out[data.field]) out[data.field] = (e as { message: string }).message;
  return out;
}

/** Reads a File as base64 (without the data: prefix). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
