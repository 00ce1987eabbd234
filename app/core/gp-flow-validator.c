/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-flow-private.h"

/* The checks a JSON Schema cannot express: unique ids, references, and the step graph.
 * Graph checks are linear in the flow's size: two breadth-first walks and one
 * strongly-connected-components pass (Tarjan's, without recursion). */

typedef struct
{
  const char *file;
  GPtrArray  *diagnostics;
  gboolean    references_ok;
} Validator;

G_GNUC_PRINTF (5, 6)
static void
add (Validator        *validator,
     GpSeverity        severity,
     GpDiagnosticCode  code,
     const char       *pointer,
     const char       *format,
     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (validator->diagnostics,
                   gp_diagnostic_new (severity, code, validator->file, pointer, 0, 0, message));
}

#define STEP(flow, i) ((GpStep *) g_ptr_array_index ((flow)->steps, (i)))

/* Resolves a step reference, reporting it when it names no step; the pointer is only
 * formatted then, as most references resolve.
 * Returns: the step's index, or -1 */
G_GNUC_PRINTF (4, 5)
static int
resolve (Validator  *validator,
         GpFlow     *flow,
         const char *id,
         const char *pointer_format,
         ...)
{
  GpStep *step;

  if (id == NULL)
    return -1;
  step = g_hash_table_lookup (flow->steps_by_id, id);
  if (step == NULL)
    {
      char pointer[128];
      va_list args;

      va_start (args, pointer_format);
      g_vsnprintf (pointer, sizeof pointer, pointer_format, args);
      va_end (args);
      add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_MISSING_REFERENCE, pointer,
           "there is no step with id \"%s\"", id);
      validator->references_ok = FALSE;
      return -1;
    }
  return (int) step->index;
}

/* Adjacency in compressed rows: edges of step i are targets[offsets[i] .. offsets[i+1]). */
typedef struct
{
  guint  n;
  guint *offsets;
  int   *targets;
} Graph;

static void
graph_clear (Graph *graph)
{
  g_free (graph->offsets);
  g_free (graph->targets);
}

static GPtrArray *
check_ids_and_references (Validator *validator,
                          GpFlow    *flow,
                          Graph     *graph)
{
  g_autoptr(GHashTable) offer_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (int));
  GPtrArray *recoveries = g_ptr_array_new ();  /* (step, failure) pairs, flattened */
  char pointer[128];

  graph->n = flow->steps->len;
  graph->offsets = g_new0 (guint, graph->n + 1);

  for (guint i = 0; i < flow->steps->len; i++)
    {
      GpStep *step = STEP (flow, i);
      int target;

      graph->offsets[i] = edges->len;

      if (step->id != NULL && g_hash_table_lookup (flow->steps_by_id, step->id) != step)
        {
          GpStep *first = g_hash_table_lookup (flow->steps_by_id, step->id);

          g_snprintf (pointer, sizeof pointer, "/steps/%u/id", i);
          add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_DUPLICATE_ID, pointer,
               "step id \"%s\" is already used by /steps/%u", step->id, first->index);
          validator->references_ok = FALSE;
        }

      for (guint e = 0; step->elements != NULL && e < step->elements->len; e++)
        {
          GpScreenElement *element = g_ptr_array_index (step->elements, e);

          for (guint f = 0; f < e && element->id != NULL; f++)
            if (g_strcmp0 (((GpScreenElement *) g_ptr_array_index (step->elements, f))->id, element->id) == 0)
              {
                g_snprintf (pointer, sizeof pointer, "/steps/%u/screen/elements/%u/id", i, e);
                add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_DUPLICATE_ID, pointer,
                     "element id \"%s\" is already used on this screen", element->id);
                break;
              }
        }

      if (step->target_id != NULL && gp_step_lookup_element (step, step->target_id) == NULL)
        {
          g_snprintf (pointer, sizeof pointer, "/steps/%u/target", i);
          if (step->has_screen)
            add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_MISSING_REFERENCE, pointer,
                 "this step's screen has no element with id \"%s\"", step->target_id);
          else
            add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_MISSING_REFERENCE, pointer,
                 "\"target\" names element \"%s\", but this step has no screen", step->target_id);
        }

      if ((target = resolve (validator, flow, step->next_id, "/steps/%u/next", i)) >= 0)
        g_array_append_val (edges, target);

      for (guint c = 0; step->choices != NULL && c < step->choices->len; c++)
        {
          GpChoice *choice = g_ptr_array_index (step->choices, c);

          if ((target = resolve (validator, flow, choice->next_id, "/steps/%u/choices/%u/next", i, c)) >= 0)
            g_array_append_val (edges, target);
        }

      if ((target = resolve (validator, flow, step->on_fail_id, "/steps/%u/on_fail", i)) >= 0)
        g_array_append_val (edges, target);

      for (guint f = 0; step->failures != NULL && f < step->failures->len; f++)
        {
          GpFailure *failure = g_ptr_array_index (step->failures, f);

          for (guint g = 0; g < f && failure->id != NULL; g++)
            if (g_strcmp0 (((GpFailure *) g_ptr_array_index (step->failures, g))->id, failure->id) == 0)
              {
                g_snprintf (pointer, sizeof pointer, "/steps/%u/failures/%u/id", i, f);
                add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_DUPLICATE_ID, pointer,
                     "failure id \"%s\" is already used in this step", failure->id);
                break;
              }

          if ((target = resolve (validator, flow, failure->recovery_id,
                                 "/steps/%u/failures/%u/recovery", i, f)) >= 0)
            {
              g_array_append_val (edges, target);
              g_ptr_array_add (recoveries, step);
              g_ptr_array_add (recoveries, failure);
            }
        }

      for (guint o = 0; step->offers != NULL && o < step->offers->len; o++)
        {
          GpOffer *offer = g_ptr_array_index (step->offers, o);
          GpStep *first;

          if (offer->id == NULL)
            continue;
          if ((first = g_hash_table_lookup (offer_ids, offer->id)) != NULL)
            {
              g_snprintf (pointer, sizeof pointer, "/steps/%u/offers/%u/id", i, o);
              add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_DUPLICATE_ID, pointer,
                   "offer id \"%s\" is already used in step \"%s\"; offer ids are unique in a flow",
                   offer->id, first->id != NULL ? first->id : "?");
            }
          else
            g_hash_table_insert (offer_ids, offer->id, step);
        }
    }
  graph->offsets[graph->n] = edges->len;
  graph->targets = (int *) g_array_free (g_steal_pointer (&edges), FALSE);

  return recoveries;
}

/* Marks every step reachable from @from along @graph's edges. */
static void
walk (const Graph *graph,
      GArray      *queue,
      gboolean    *seen)
{
  for (guint head = 0; head < queue->len; head++)
    {
      int v = g_array_index (queue, int, head);

      for (guint e = graph->offsets[v]; e < graph->offsets[v + 1]; e++)
        {
          int w = graph->targets[e];

          if (!seen[w])
            {
              seen[w] = TRUE;
              g_array_append_val (queue, w);
            }
        }
    }
}

static void
reverse (const Graph *graph,
         Graph       *reversed)
{
  guint n_edges = graph->offsets[graph->n];
  g_autofree guint *fill = g_new0 (guint, graph->n);

  reversed->n = graph->n;
  reversed->offsets = g_new0 (guint, graph->n + 1);
  reversed->targets = g_new (int, MAX (n_edges, 1));

  for (guint e = 0; e < n_edges; e++)
    reversed->offsets[graph->targets[e] + 1]++;
  for (guint v = 0; v < graph->n; v++)
    reversed->offsets[v + 1] += reversed->offsets[v];
  for (guint v = 0; v < graph->n; v++)
    for (guint e = graph->offsets[v]; e < graph->offsets[v + 1]; e++)
      {
        int w = graph->targets[e];

        reversed->targets[reversed->offsets[w] + fill[w]++] = (int) v;
      }
}

/* Tarjan's strongly connected components with an explicit stack.
 * Returns: (transfer full): the component of each step */
static guint *
components (const Graph *graph)
{
  guint n = graph->n;
  guint *component = g_new (guint, n);
  g_autofree guint *index = g_new (guint, n);
  g_autofree guint *low = g_new (guint, n);
  g_autofree gboolean *on_stack = g_new0 (gboolean, n);
  g_autofree guint *stack = g_new (guint, n);
  g_autofree guint *call_vertex = g_new (guint, n);
  g_autofree guint *call_edge = g_new (guint, n);
  guint next_index = 1, n_components = 0, sp = 0;

  memset (index, 0, n * sizeof (guint));

  for (guint root = 0; root < n; root++)
    {
      guint depth = 0;

      if (index[root] != 0)
        continue;

      call_vertex[0] = root;
      call_edge[0] = graph->offsets[root];
      index[root] = low[root] = next_index++;
      stack[sp++] = root;
      on_stack[root] = TRUE;

      for (;;)
        {
          guint v = call_vertex[depth];

          if (call_edge[depth] < graph->offsets[v + 1])
            {
              guint w = (guint) graph->targets[call_edge[depth]++];

              if (index[w] == 0)
                {
                  index[w] = low[w] = next_index++;
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  depth++;
                  call_vertex[depth] = w;
                  call_edge[depth] = graph->offsets[w];
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], index[w]);
              continue;
            }

          if (low[v] == index[v])
            {
              guint w;

              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  component[w] = n_components;
                }
              while (w != v);
              n_components++;
            }

          if (depth == 0)
            break;
          depth--;
          low[call_vertex[depth]] = MIN (low[call_vertex[depth]], low[v]);
        }
    }

  return component;
}

static void
check_graph (Validator *validator,
             GpFlow    *flow,
             Graph     *graph,
             GPtrArray *recoveries)
{
  g_autofree gboolean *from_start = g_new0 (gboolean, graph->n);
  g_autofree gboolean *to_end = g_new0 (gboolean, graph->n);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree guint *component = NULL;
  Graph reversed = { 0 };
  GpStep *start;
  char pointer[128];

  start = g_hash_table_lookup (flow->steps_by_id, flow->start_id);
  if (start != NULL)
    {
      int s = (int) start->index;

      from_start[s] = TRUE;
      g_array_append_val (queue, s);
      walk (graph, queue, from_start);
    }

  g_array_set_size (queue, 0);
  for (guint i = 0; i < graph->n; i++)
    if (STEP (flow, i)->kind == GP_STEP_KIND_END)
      {
        int e = (int) i;

        to_end[i] = TRUE;
        g_array_append_val (queue, e);
      }
  reverse (graph, &reversed);
  walk (&reversed, queue, to_end);
  graph_clear (&reversed);

  for (guint i = 0; i < graph->n; i++)
    {
      if (from_start[i] && to_end[i])
        continue;
      g_snprintf (pointer, sizeof pointer, "/steps/%u", i);
      if (!from_start[i])
        add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_UNREACHABLE, pointer,
             "step \"%s\" cannot be reached from the start step \"%s\"",
             STEP (flow, i)->id, flow->start_id);
      if (!to_end[i])
        add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_NO_END, pointer,
             "no end step can be reached from step \"%s\": a session there could never finish",
             STEP (flow, i)->id);
    }

  /* A recovery that leads back into its own step's component can repeat for ever. */
  component = components (graph);
  for (guint r = 0; r + 1 < recoveries->len; r += 2)
    {
      GpStep *step = g_ptr_array_index (recoveries, r);
      GpFailure *failure = g_ptr_array_index (recoveries, r + 1);
      GpStep *recovery = g_hash_table_lookup (flow->steps_by_id, failure->recovery_id);

      if (failure->retry_limit > 0)
        continue;
      if (recovery == step || component[recovery->index] == component[step->index])
        {
          g_snprintf (pointer, sizeof pointer, "/steps/%u/failures/%u", step->index, failure->index);
          add (validator, GP_SEVERITY_ERROR, GP_DIAGNOSTIC_RECOVERY_LOOP, pointer,
               "failure \"%s\" recovers to \"%s\", which leads back to this step; "
               "give it a \"retry_limit\" so the customer is not sent round for ever",
               failure->id, failure->recovery_id);
        }
    }
}

static void
check_warnings (Validator *validator,
                GpFlow    *flow)
{
  gboolean any_system_failure = FALSE;
  gboolean any_offer = FALSE;
  char pointer[64];

  for (guint i = 0; i < flow->steps->len; i++)
    {
      GpStep *step = STEP (flow, i);
      gboolean no_hints = step->kind_known && step->n_hints == 0 &&
        (step->kind == GP_STEP_KIND_SCREEN || step->kind == GP_STEP_KIND_QUESTION ||
         step->kind == GP_STEP_KIND_IDENTITY_CHECK);
      gboolean no_target = step->kind_known && step->kind == GP_STEP_KIND_SCREEN && step->target_id == NULL;

      if (no_hints || no_target)
        g_snprintf (pointer, sizeof pointer, "/steps/%u", i);
      if (no_hints)
        add (validator, GP_SEVERITY_WARNING, GP_DIAGNOSTIC_NO_HINTS, pointer,
             "step \"%s\" has no hints for a customer who is stuck", step->id);
      if (no_target)
        add (validator, GP_SEVERITY_WARNING, GP_DIAGNOSTIC_NO_TARGET, pointer,
             "screen step \"%s\" has no \"target\" to highlight", step->id);

      for (guint f = 0; step->failures != NULL && f < step->failures->len; f++)
        if (((GpFailure *) g_ptr_array_index (step->failures, f))->cause == GP_FAILURE_CAUSE_SYSTEM)
          any_system_failure = TRUE;
      if (step->offers != NULL && step->offers->len > 0)
        any_offer = TRUE;
    }

  if (flow->steps->len > 0 && !any_system_failure)
    add (validator, GP_SEVERITY_WARNING, GP_DIAGNOSTIC_NO_SYSTEM_FAILURE, "/steps",
         "no step lists a failure caused by the system (an outage, a code that never arrives ...)");
  if (flow->steps->len > 0 && !any_offer)
    add (validator, GP_SEVERITY_WARNING, GP_DIAGNOSTIC_NO_OFFER, "/steps",
         "no step offers an additional service");
}

void
gp_flow_validate (GpFlow     *flow,
                  const char *file_name,
                  gboolean    graph_sound,
                  GPtrArray  *diagnostics)
{
  g_autoptr(GPtrArray) recoveries = NULL;
  Validator validator = { file_name, diagnostics, TRUE };
  Graph graph = { 0 };

  g_return_if_fail (GP_IS_FLOW (flow));
  g_return_if_fail (diagnostics != NULL);

  if (flow->start_id != NULL)
    resolve (&validator, flow, flow->start_id, "/start");

  recoveries = check_ids_and_references (&validator, flow, &graph);

  /* With a broken edge the graph would only repeat the same problem as "no end". */
  if (graph_sound && validator.references_ok && graph.n > 0)
    check_graph (&validator, flow, &graph, recoveries);

  check_warnings (&validator, flow);
  graph_clear (&graph);
}
