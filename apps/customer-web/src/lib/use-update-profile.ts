// Saving the customer's profile (name, addresses): the answer replaces the cached profile and the
// session's copy of the user, so every screen shows the saved values.
import { useSession, useTRPC } from "@pizza/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";

export function useUpdateProfile() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { updateUser } = useSession();
  return useMutation(
    trpc.user.updateProfile.mutationOptions({
      onSuccess: (profile) => {
        queryClient.setQueryData(trpc.user.profile.queryKey(), profile);
        const { id, email, phone, name, role, storeId, emailVerified, phoneVerified } = profile;
        updateUser({ id, email, phone, name, role, storeId, emailVerified, phoneVerified });
      },
    }),
  );
}
