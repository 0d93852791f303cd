// How many options of each of a chosen item's option groups a customer picks (issue 22, builder rules):
// at least and at most, one small form per group. The server checks the rule (least ≤ most, most no more
// than the group has); its message sits under its field. The customer's menu and quote follow at once.
import { errorMessage, fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { TextField } from "./text-field.tsx";

interface Group {
  id: string;
  min: number;
  max: number;
  options: number;
}

function GroupForm({ group, onSaved }: { group: Group; onSaved(): void }) {
  const trpc = useTRPC();
  const [min, setMin] = useState(String(group.min));
  const [max, setMax] = useState(String(group.max));
  const [note, setNote] = useFormNote();
  const save = useMutation(
    trpc.menuAdmin.setOptionGroupRules.mutationOptions({
      onSuccess: () => {
        setNote({ ok: true, text: `Saved: ${group.id} takes ${min} to ${max} choices.` });
        onSaved();
      },
      onError: (e) =>
        setNote({
          ok: false,
          text: Object.keys(fieldErrors(e)).length > 0 ? "Check the highlighted fields." : errorMessage(e),
        }),
    }),
  );
  const errors = fieldErrors(save.error);
  const title = `option-rules-${group.id}`;
  return (
    <form
      className="stack"
      noValidate
      aria-labelledby={title}
      onSubmit={(e) => {
        e.preventDefault();
        setNote(null);
        save.mutate({ groupId: group.id, min: Number(min), max: Number(max) });
      }}
    >
      <h4 id={title}>
        Choices in {group.id} ({group.options} options)
      </h4>
      <TextField
        id={`${title}-min`}
        label="At least"
        inputMode="numeric"
        value={min}
        onValue={setMin}
        error={errors.min}
      />
      <TextField
        id={`${title}-max`}
        label="At most"
        inputMode="numeric"
        value={max}
        onValue={setMax}
        error={errors.max}
      />
      <button type="submit" className="button" disabled={save.isPending}>
        Save choices
      </button>
      <FormNote note={note} />
    </form>
  );
}

export function MenuOptionRules({ itemId, onSaved }: { itemId: string; onSaved(): void }) {
  const trpc = useTRPC();
  const rules = useQuery(trpc.menuAdmin.builderRules.queryOptions());
  const groups = rules.data?.optionGroups.filter((g) => g.itemId === itemId) ?? [];
  if (groups.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="option-rules-title">
      <h3 id="option-rules-title">Option choices</h3>
      {groups.map((g) => (
        <GroupForm key={g.id} group={g} onSaved={onSaved} />
      ))}
    </section>
  );
}
