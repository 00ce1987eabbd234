/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-event.h>
#include <guidepost/gp-flow.h>
#include <guidepost/gp-step.h>
#include <guidepost/gp-failure.h>
#include <guidepost/gp-offer.h>

#include "gp-training-score-private.h"

/* The score of a scenario played: a pure function of the scenario, the flow and the
 * session's events (docs/scenario-format.md, "Scoring").  Times in explanations are
 * counted from the scenario's start (its `scenario-started` event). */

/* The deductions, as documented in docs/scenario-format.md. */
#define HINT_COST              1
#define HINTS_MAX              5
#define MINUTE_COST            1
#define TIME_MAX               5
#define WRONG_RECOVERY_COST    5
#define OFFER_MOMENT_COST      2
#define EARLY_ESCALATION_COST  5

struct _GpTrainingScore
{
  GObject     parent_instance;
  GListStore *items;
  int         total;
  guint       possible;
  char       *scenario_id;
  char       *scenario_version;
  gboolean    ended;
};

G_DEFINE_FINAL_TYPE (GpTrainingScore, gp_training_score, G_TYPE_OBJECT)

static guint64
seq_of (Context *ctx,
        int      index)
{
  return index >= 0 ? gp_event_get_seq (gp_score_event_at (ctx, (guint) index)) : 0;
}

static void
add_deduction (GpTrainingScore *self,
               Context         *ctx,
               const char      *id,
               const char      *title,
               int              cost,
               int              index,
               char            *explanation)
{
  g_autofree char *owned = explanation;
  g_autoptr(GpTrainingScoreItem) item = gp_training_score_item_new (id, title, owned, -cost, 0, NULL,
                                                                    seq_of (ctx, index), GP_SCORE_ITEM_DEDUCTION);

  g_list_store_append (self->items, item);
}

static void
deduct_hints (GpTrainingScore *self,
              Context         *ctx)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = 0;
  int first = -1;

  for (guint i = 0; i < ctx->events->len; i++)
    if (gp_score_type_at (ctx, i) == GP_EVENT_HINT_REVEALED)
      {
        g_autofree char *when = gp_score_at (ctx, i);

        g_string_append_printf (list, "%s%s on “%s”", n > 0 ? ", " : "", when,
                                gp_score_step_title (ctx, gp_score_field (gp_score_event_at (ctx, i), "step")));
        if (first < 0)
          first = (int) i;
        n++;
      }
  if (n == 0)
    return;
  add_deduction (self, ctx, "hints", "Hints used", (int) MIN (n * HINT_COST, HINTS_MAX), first,
                 g_strdup_printf ("You revealed %u hint%s (%s): %d point each, at most %d.",
                                  n, n == 1 ? "" : "s", list->str, HINT_COST, HINTS_MAX));
}

static void
deduct_time (GpTrainingScore *self,
             Context         *ctx)
{
  double limit = gp_scenario_get_time_limit_minutes (ctx->scenario);
  guint last = ctx->events->len - 1;
  gint64 elapsed = gp_event_get_monotonic_time (gp_score_event_at (ctx, last)) - ctx->start_mono;
  gint64 over = elapsed - (gint64) (limit * 60 * G_USEC_PER_SEC);
  g_autofree char *took = NULL;
  g_autofree char *by = NULL;
  gint64 minutes;

  if (limit <= 0 || over <= 0)
    return;
  minutes = (over + 60 * G_USEC_PER_SEC - 1) / (60 * G_USEC_PER_SEC);
  took = gp_score_clock_text (elapsed);
  by = gp_score_clock_text (over);
  add_deduction (self, ctx, "time", "Time over the limit", (int) MIN (minutes * MINUTE_COST, TIME_MAX), (int) last,
                 g_strdup_printf ("%s %s, %s over the %g minutes allowed: %d point per minute started over "
                                  "the limit, at most %d.", ctx->ended != NULL ? "The call took" : "The call has taken",
                                  took, by, limit, MINUTE_COST, TIME_MAX));
}

static void
deduct_wrong_recoveries (GpTrainingScore *self,
                         Context         *ctx)
{
  for (guint w = 0; w < ctx->wrong->len; w++)
    {
      WrongRecovery *wrong = &g_array_index (ctx->wrong, WrongRecovery, w);
      g_autofree char *reported = gp_score_at (ctx, wrong->report);
      g_autofree char *taken = gp_score_at (ctx, wrong->recovery);

      add_deduction (self, ctx, "wrong-recovery", "Wrong recovery", WRONG_RECOVERY_COST, (int) wrong->recovery,
                     g_strdup_printf ("On “%s” the customer's problem was “%s”, but you reported “%s” at %s "
                                      "and took its recovery at %s.", gp_score_step_title (ctx, wrong->step),
                                      wrong->injected, wrong->reported, reported, taken));
    }
}

static void
deduct_offer_moments (GpTrainingScore *self,
                      Context         *ctx)
{
  for (guint i = 0; i < ctx->events->len; i++)
    {
      const char *trouble = g_ptr_array_index (ctx->trouble, i);
      GpEvent *event = gp_score_event_at (ctx, i);
      g_autofree char *when = NULL;

      if (trouble == NULL || gp_event_get_event_type (event) != GP_EVENT_OFFER_PRESENTED)
        continue;
      when = gp_score_at (ctx, i);
      add_deduction (self, ctx, "offer-moment", "Offer at the wrong moment", OFFER_MOMENT_COST, (int) i,
                     g_strdup_printf ("You mentioned “%s” at %s while %s.",
                                      gp_score_offer_title (ctx, gp_score_field (event, "step"), gp_score_field (event, "offer")), when, trouble));
    }
}

/* Only when the scenario expects an escalation at a retry limit: escalating before any
 * limit was reached gives up on the customer too soon. */
static void
deduct_early_escalations (GpTrainingScore *self,
                          Context         *ctx)
{
  gboolean expected = FALSE;

  for (guint p = 0; p < gp_scenario_get_n_practices (ctx->scenario); p++)
    if (gp_scenario_practice_get_kind (gp_scenario_get_practice (ctx->scenario, p)) == GP_PRACTICE_ESCALATE_WHEN_LIMIT)
      expected = TRUE;
  if (!expected)
    return;

  for (guint i = 0; i < ctx->events->len; i++)
    {
      g_autofree char *when = NULL;

      if (gp_score_type_at (ctx, i) == GP_EVENT_RETRY_LIMIT_REACHED)
        return;
      if (gp_score_type_at (ctx, i) != GP_EVENT_ESCALATED)
        continue;
      when = gp_score_at (ctx, i);
      add_deduction (self, ctx, "escalation", "Escalated too early", EARLY_ESCALATION_COST, (int) i,
                     g_strdup_printf ("You escalated at %s, before any retry limit was reached: "
                                      "the customer could still have been helped online.", when));
    }
}

static void
gp_training_score_finalize (GObject *object)
{
  GpTrainingScore *self = GP_TRAINING_SCORE (object);

  g_clear_object (&self->items);
  g_free (self->scenario_id);
  g_free (self->scenario_version);

  G_OBJECT_CLASS (gp_training_score_parent_class)->finalize (object);
}

static void
gp_training_score_class_init (GpTrainingScoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_training_score_finalize;
}

static void
gp_training_score_init (GpTrainingScore *self)
{
  self->items = g_list_store_new (GP_TYPE_TRAINING_SCORE_ITEM);
}

GpTrainingScore *
gp_training_score_compute (GpScenario *scenario,
                           GpFlow     *flow,
                           GListModel *events)
{
  g_autoptr(GpTrainingScore) self = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) trouble = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) wrong = g_array_new (FALSE, TRUE, sizeof (WrongRecovery));
  Context ctx = { 0 };
  int sum = 0;

  g_return_val_if_fail (GP_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (GP_IS_FLOW (flow), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (events), NULL);
  g_return_val_if_fail (g_list_model_get_item_type (events) == GP_TYPE_EVENT, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    g_ptr_array_add (list, g_list_model_get_item (events, i));

  self = g_object_new (GP_TYPE_TRAINING_SCORE, NULL);
  self->possible = gp_scenario_get_total_points (scenario);
  self->scenario_id = g_strdup (gp_scenario_get_id (scenario));
  self->scenario_version = g_strdup (gp_scenario_get_version (scenario));
  if (list->len == 0)
    return g_steal_pointer (&self);

  ctx.scenario = scenario;
  ctx.flow = flow;
  ctx.events = list;
  ctx.trouble = trouble;
  ctx.wrong = wrong;
  /* Without a scenario-started event (a plain training session) the clock starts with it. */
  ctx.start_mono = gp_event_get_monotonic_time (g_ptr_array_index (list, 0));
  gp_score_fold (&ctx);
  self->ended = ctx.ended != NULL;

  for (guint p = 0; p < gp_scenario_get_n_practices (scenario); p++)
    {
      GpScenarioPractice *practice = gp_scenario_get_practice (scenario, p);
      guint points = gp_scenario_practice_get_points (practice);
      Verdict v = gp_score_judge (&ctx, practice);
      g_autofree char *text = v.text;
      g_autofree char *title = gp_score_practice_title (&ctx, practice);
      g_autoptr(GpTrainingScoreItem) item = NULL;

      item = gp_training_score_item_new (gp_scenario_practice_get_id (practice), title, text,
                                         v.status == GP_SCORE_ITEM_GIVEN ? (int) points : 0, points,
                                         gp_scenario_practice_get_criterion (practice),
                                         seq_of (&ctx, v.seq_index), v.status);
      g_list_store_append (self->items, item);
    }
  deduct_time (self, &ctx);
  deduct_hints (self, &ctx);
  deduct_wrong_recoveries (self, &ctx);
  deduct_offer_moments (self, &ctx);
  deduct_early_escalations (self, &ctx);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      sum += gp_training_score_item_get_points (item);
    }
  self->total = MAX (sum, 0);
  return g_steal_pointer (&self);
}

int
gp_training_score_get_total (GpTrainingScore *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE (self), 0);
  return self->total;
}

guint
gp_training_score_get_possible (GpTrainingScore *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE (self), 0);
  return self->possible;
}

GListModel *
gp_training_score_get_items (GpTrainingScore *self)
{
  g_return_val_if_fail (GP_IS_TRAINING_SCORE (self), NULL);
  return G_LIST_MODEL (self->items);
}

JsonNode *
gp_training_score_to_json (GpTrainingScore *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GP_IS_TRAINING_SCORE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, self->scenario_id);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, self->scenario_version);
  json_builder_set_member_name (builder, "ended");
  json_builder_add_boolean_value (builder, self->ended);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, self->total);
  json_builder_set_member_name (builder, "possible");
  json_builder_add_int_value (builder, self->possible);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *criterion = gp_training_score_item_get_criterion (item);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, gp_training_score_item_get_id (item));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, gp_score_item_status_to_string (gp_training_score_item_get_status (item)));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, gp_training_score_item_get_title (item));
      json_builder_set_member_name (builder, "explanation");
      json_builder_add_string_value (builder, gp_training_score_item_get_explanation (item));
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, gp_training_score_item_get_points (item));
      json_builder_set_member_name (builder, "possible");
      json_builder_add_int_value (builder, gp_training_score_item_get_possible (item));
      json_builder_set_member_name (builder, "criterion");
      if (criterion != NULL)
        json_builder_add_string_value (builder, criterion);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, (gint64) gp_training_score_item_get_seq (item));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
