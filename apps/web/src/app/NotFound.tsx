import { Link } from "react-router";
import { EmptyState } from "../components/States";

export function NotFound() {
  return (
    <section className="page">
      <h1>Not found</h1>
      <EmptyState>
        Nothing lives at this address. <Link to="/">Back to the policies</Link>
      </EmptyState>
    </section>
  );
}
