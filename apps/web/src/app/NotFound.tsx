import { Link } from "react-router";
import { NotFoundState } from "../components/States";

export function NotFound() {
  return (
    <NotFoundState title="Not found">
      Nothing lives at this address. <Link to="/">Back to the policies</Link>
    </NotFoundState>
  );
}
