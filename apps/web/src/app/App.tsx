import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { isTransient } from "../api/client";
import { router } from "./router";

const queryClient = new QueryClient({
  // One retry, and only for failures a retry can mend: a 404 or 403 shows at once instead of after a second's wait.
  defaultOptions: { queries: { retry: (failures, error) => failures < 1 && isTransient(error), staleTime: 5_000 } },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
