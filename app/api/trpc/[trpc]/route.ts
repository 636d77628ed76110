import { handleTrpcRequest } from "@/server/api/trpc-http";

export { handleTrpcRequest as GET, handleTrpcRequest as POST };
