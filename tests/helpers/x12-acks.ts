/** The acknowledgment writers live with the demo seed (it imports answers to its own batches). */
export * from "@/db/seed/x12-acks";
