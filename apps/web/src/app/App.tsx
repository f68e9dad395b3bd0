import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { PoliciesPage } from "../features/policies/PoliciesPage";

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, staleTime: 5_000 } },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <header className="shell-header">
        <span className="brand">Palisade</span>
      </header>
      <main className="shell-main">
        <PoliciesPage />
      </main>
    </QueryClientProvider>
  );
}
