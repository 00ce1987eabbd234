/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/guidepost.h>

#include "gp-session-test-utils.h"
#include "gp-memory-sink.h"
#include "gp-event-private.h"

static const char * const bundled_flows[] = {
  "redirect-parcel.en-GB.json",
  "regain-online-banking.en-GB.json",
  "renew-parking-permit.en-GB.json",
  "submit-meter-reading.en-GB.json",
};

static GpFlow *
load_base (void)
{
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");

  return gp_test_load_flow_bytes (bytes, "base.json");
}

/* Times advance one second per event (GpTestClock), so time per step is exact and
 * replayable. */
static GpSession *
new_session (GpFlow        *flow,
             GpSessionMode  mode,
             GpTestClock   *clock)
{
  return gp_test_new_session (flow, mode, "I can't sign in", NULL, clock);
}

static const char *
current_id (GpSession *session)
{
  return gp_step_get_id (gp_session_get_current_step (session));
}

static GpEvent *
last_event (GpSession *session)
{
  GListModel *events = gp_session_get_events (session);
  g_autoptr(GpEvent) event = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);

  return event;  /* the session keeps its own reference */
}

static GpEvent *
event_at (GpSession *session,
          guint      index)
{
  g_autoptr(GpEvent) event = g_list_model_get_item (gp_session_get_events (session), index);

  return event;
}

/* A refused action says why and records nothing. */
#define assert_refused(session, call, code) G_STMT_START { \
    g_autoptr(GError) _error = NULL; \
    guint _before = gp_session_get_n_events (session); \
    g_autofree char *_state = gp_session_describe_state (session); \
    g_autofree char *_after = NULL; \
    gboolean _ok = (call); \
    g_assert_false (_ok); \
    g_assert_error (_error, GP_SESSION_ERROR, code); \
    g_assert_nonnull (_error->message); \
    g_assert_cmpuint (gp_session_get_n_events (session), ==, _before); \
    _after = gp_session_describe_state (session); \
    g_assert_cmpstr (_state, ==, _after); \
  } G_STMT_END

/* Events */

static void
test_event_round_trip (void)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonObject) inner = json_object_new ();
  g_autoptr(GpEvent) event = NULL;
  g_autoptr(GpEvent) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) node2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(JsonNode) parsed = NULL;

  json_object_set_string_member (payload, "step", "sign-in");
  json_object_set_int_member (inner, "n", 3);
  json_object_set_object_member (payload, "inner", json_object_ref (inner));
  event = gp_event_new ("s-1", 7, GP_EVENT_HINT_REVEALED, GP_ACTOR_CUSTOMER, 1000, 2000, payload);

  /* The event owns a sealed copy. */
  json_object_set_string_member (payload, "step", "changed");
  json_object_set_int_member (inner, "n", 4);
  g_assert_true (json_object_is_immutable (gp_event_get_payload (event)));
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (event), "step"), ==, "sign-in");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (gp_event_get_payload (event), "inner"), "n"), ==, 3);

  node = gp_event_to_json (event);
  text = json_to_string (node, FALSE);
  parsed = gp_json_parse_strict (text, strlen (text), 64, NULL, NULL, &error);
  g_assert_no_error (error);
  back = gp_event_new_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gp_event_get_session_id (back), ==, "s-1");
  g_assert_cmpuint (gp_event_get_seq (back), ==, 7);
  g_assert_cmpint (gp_event_get_event_type (back), ==, GP_EVENT_HINT_REVEALED);
  g_assert_cmpint (gp_event_get_actor (back), ==, GP_ACTOR_CUSTOMER);
  g_assert_cmpint (gp_event_get_wall_time (back), ==, 1000);
  g_assert_cmpint (gp_event_get_monotonic_time (back), ==, 2000);
  node2 = gp_event_to_json (back);
  text2 = json_to_string (node2, FALSE);
  g_assert_cmpstr (text, ==, text2);

  for (guint t = GP_EVENT_STARTED; t <= GP_EVENT_ENDED; t++)
    {
      GpEventType parsed_type;

      g_assert_true (gp_event_type_from_string (gp_event_type_to_string (t), &parsed_type));
      g_assert_cmpint (parsed_type, ==, t);
    }
}

static void
test_event_malformed (void)
{
  static const struct {
    const char *json;
    const char *field;
  } cases[] = {
    { "[]", NULL },
    { "{\"seq\":1,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“session”" },
    { "{\"session\":\"s\",\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“seq”" },
    { "{\"session\":\"s\",\"seq\":\"1\",\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“seq”" },
    { "{\"session\":\"s\",\"seq\":1.0,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“seq”" },
    { "{\"session\":\"s\",\"seq\":0,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“seq”" },
    { "{\"session\":3,\"seq\":1,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“session”" },
    { "{\"session\":\"s\",\"seq\":1,\"type\":\"flew\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“type”" },
    { "{\"session\":\"s\",\"seq\":1,\"type\":null,\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“type”" },
    { "{\"session\":\"s\",\"seq\":1,\"type\":\"started\",\"actor\":\"robot\",\"wall_us\":1,\"mono_us\":1,\"payload\":{}}", "“actor”" },
    { "{\"session\":\"s\",\"seq\":1,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":true,\"mono_us\":1,\"payload\":{}}", "“wall_us”" },
    { "{\"session\":\"s\",\"seq\":1,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"payload\":{}}", "“mono_us”" },
    { "{\"session\":\"s\",\"seq\":1,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":[]}", "“payload”" },
    { "{\"session\":\"s\",\"seq\":1,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1}", "“payload”" },
    { "{\"session\":\"s\",\"seq\":1,\"type\":\"started\",\"actor\":\"agent\",\"wall_us\":1,\"mono_us\":1,\"payload\":{},\"extra\":1}", "“extra”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = gp_json_parse_strict (cases[i].json, strlen (cases[i].json), 64, NULL, NULL, &error);
      g_autoptr(GpEvent) event = NULL;

      g_assert_no_error (error);
      event = gp_event_new_from_json (node, &error);
      g_assert_null (event);
      g_assert_error (error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID);
      if (cases[i].field != NULL && strstr (error->message, cases[i].field) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, cases[i].field);

      /* Read straight from the parsed document (the co-browse peer): the same refusal. */
      {
        g_autoptr(GpJsonDoc) doc = gp_json_doc_parse (cases[i].json, strlen (cases[i].json), 64, NULL, NULL, NULL);
        g_autoptr(GError) direct_error = NULL;
        g_autoptr(GpEvent) direct = gp_event_new_from_value (gp_json_doc_get_root (doc), &direct_error);

        g_assert_null (direct);
        g_assert_error (direct_error, GP_EVENT_ERROR, GP_EVENT_ERROR_INVALID);
        g_assert_cmpstr (direct_error->message, ==, error->message);
      }
    }
}

/* Creation and the rules */

static void
test_create (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  g_autoptr(GpSession) session = gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "log in",
                                                 GP_FAMILIARITY_FAMILIAR, "forgot password", NULL);
  static const GpEventType expected[] = { GP_EVENT_STARTED, GP_EVENT_INTAKE_RECORDED, GP_EVENT_STEP_ENTERED };
  GListModel *events = gp_session_get_events (session);
  JsonObject *payload;

  g_assert_cmpuint (gp_session_get_n_events (session), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GpEvent *event = event_at (session, i);

      g_assert_cmpuint (gp_event_get_seq (event), ==, i + 1);
      g_assert_cmpint (gp_event_get_event_type (event), ==, expected[i]);
      g_assert_cmpstr (gp_event_get_session_id (event), ==, gp_session_get_id (session));
    }
  payload = gp_event_get_payload (event_at (session, 1));
  g_assert_cmpstr (json_object_get_string_member (payload, "goal"), ==, "log in");
  g_assert_cmpstr (json_object_get_string_member (payload, "familiarity"), ==, "familiar");
  g_assert_cmpstr (json_object_get_string_member (payload, "agreed_problem"), ==, "forgot password");
  g_assert_cmpstr (current_id (session), ==, "welcome");
  g_assert_cmpint (gp_session_get_driver (session), ==, GP_ACTOR_CUSTOMER);
  g_assert_cmpint (gp_session_get_mode (session), ==, GP_SESSION_MODE_ASSISTED);
  g_assert_false (gp_session_get_ended (session));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (session), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&session));
}

static void
test_rule_choice (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);

  assert_refused (s, gp_session_choose (s, GP_ACTOR_CUSTOMER, 0, E), GP_SESSION_ERROR_WRONG_STEP_KIND);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  assert_refused (s, gp_session_choose (s, GP_ACTOR_CUSTOMER, 0, E), GP_SESSION_ERROR_WRONG_STEP_KIND);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpstr (current_id (s), ==, "route");
  assert_refused (s, gp_session_choose (s, GP_ACTOR_CUSTOMER, 2, E), GP_SESSION_ERROR_OUT_OF_RANGE);
  gp_assert_ok (gp_session_choose (s, GP_ACTOR_CUSTOMER, 1, E));
  g_assert_cmpstr (current_id (s), ==, "done");
  g_assert_cmpint (gp_event_get_event_type (event_at (s, gp_session_get_n_events (s) - 2)), ==, GP_EVENT_CHOICE_MADE);
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (event_at (s, gp_session_get_n_events (s) - 2)), "label"), ==, "No");
}

static GpSession *
session_at_check (GpFlow      *flow,
                  GpTestClock *clock)
{
  GpSession *s = new_session (flow, GP_SESSION_MODE_ASSISTED, clock);

  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_choose (s, GP_ACTOR_CUSTOMER, 0, E));
  g_assert_cmpstr (current_id (s), ==, "check-id");
  return s;
}

static void
test_rule_next (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = session_at_check (flow, &clock);
  g_autoptr(GpSession) q = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);

  assert_refused (s, gp_session_next (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_CHECKS_PENDING);
  gp_assert_ok (gp_session_pass_check (s, GP_ACTOR_AGENT, 0, E));
  assert_refused (s, gp_session_next (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_CHECKS_PENDING);
  gp_assert_ok (gp_session_pass_check (s, GP_ACTOR_AGENT, 1, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_AGENT, E));
  g_assert_cmpstr (current_id (s), ==, "done");
  assert_refused (s, gp_session_next (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_WRONG_STEP_KIND);

  gp_assert_ok (gp_session_next (q, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (q, GP_ACTOR_CUSTOMER, E));
  assert_refused (q, gp_session_next (q, GP_ACTOR_CUSTOMER, E), GP_SESSION_ERROR_WRONG_STEP_KIND);
}

static void
assert_check_payload (GpEvent    *event,
                      guint       check,
                      const char *label)
{
  JsonObject *payload = gp_event_get_payload (event);
  g_autoptr(GList) members = json_object_get_members (payload);

  /* Which check and whether it passed: never what the customer answered. */
  g_assert_cmpuint (g_list_length (members), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (payload, "step"), ==, "check-id");
  g_assert_cmpint (json_object_get_int_member (payload, "check"), ==, check);
  g_assert_cmpstr (json_object_get_string_member (payload, "label"), ==, label);
}

static void
test_rule_checks (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) w = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);
  g_autoptr(GpSession) s = session_at_check (flow, &clock);

  assert_refused (w, gp_session_pass_check (w, GP_ACTOR_AGENT, 0, E), GP_SESSION_ERROR_WRONG_STEP_KIND);
  assert_refused (s, gp_session_pass_check (s, GP_ACTOR_AGENT, 2, E), GP_SESSION_ERROR_OUT_OF_RANGE);
  gp_assert_ok (gp_session_pass_check (s, GP_ACTOR_AGENT, 0, E));
  assert_check_payload (last_event (s), 0, "Date of birth");
  g_assert_cmpint (gp_event_get_event_type (last_event (s)), ==, GP_EVENT_IDENTITY_CHECK_PASSED);
  assert_refused (s, gp_session_pass_check (s, GP_ACTOR_AGENT, 0, E), GP_SESSION_ERROR_ALREADY_DONE);
  gp_assert_ok (gp_session_fail_check (s, GP_ACTOR_AGENT, 1, E));
  assert_check_payload (event_at (s, gp_session_get_n_events (s) - 2), 1, "Postcode");
  g_assert_cmpstr (current_id (s), ==, "done-later");
}

static void
test_rule_hints (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_SELF_SERVICE, &clock);

  assert_refused (s, gp_session_reveal_hint (s, GP_ACTOR_CUSTOMER, E), GP_SESSION_ERROR_OUT_OF_RANGE);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_reveal_hint (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpint (json_object_get_int_member (gp_event_get_payload (last_event (s)), "level"), ==, 1);
  gp_assert_ok (gp_session_reveal_hint (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpint (json_object_get_int_member (gp_event_get_payload (last_event (s)), "level"), ==, 2);
  g_assert_cmpuint (gp_session_get_hints_used (s, "sign-in"), ==, 2);
  assert_refused (s, gp_session_reveal_hint (s, GP_ACTOR_CUSTOMER, E), GP_SESSION_ERROR_OUT_OF_RANGE);
}

static void
test_rule_why (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);

  gp_assert_ok (gp_session_show_why (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_choose (s, GP_ACTOR_CUSTOMER, 1, E));
  assert_refused (s, gp_session_show_why (s, GP_ACTOR_CUSTOMER, E), GP_SESSION_ERROR_WRONG_STEP_KIND);
}

static void
test_rule_back (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);
  guint n;

  assert_refused (s, gp_session_back (s, GP_ACTOR_CUSTOMER, E), GP_SESSION_ERROR_NO_PREVIOUS_STEP);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpuint (gp_session_get_history (s)->len, ==, 1);
  n = gp_session_get_n_events (s);
  gp_assert_ok (gp_session_back (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpstr (current_id (s), ==, "welcome");
  /* History is not erased: going back is one more event. */
  g_assert_cmpuint (gp_session_get_n_events (s), ==, n + 1);
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last_event (s)), "via"), ==, "back");
  g_assert_cmpuint (gp_session_get_history (s)->len, ==, 0);
  assert_refused (s, gp_session_back (s, GP_ACTOR_CUSTOMER, E), GP_SESSION_ERROR_NO_PREVIOUS_STEP);
}

static GpSession *
session_at_sign_in (GpFlow      *flow,
                    GpTestClock *clock)
{
  GpSession *s = new_session (flow, GP_SESSION_MODE_ASSISTED, clock);

  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpstr (current_id (s), ==, "sign-in");
  return s;
}

static void
test_rule_offers (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = session_at_sign_in (flow, &clock);
  gboolean answered = TRUE;
  GpOfferAnswer answer;

  assert_refused (s, gp_session_answer_offer (s, GP_ACTOR_CUSTOMER, NULL, "paperless", GP_OFFER_ANSWER_ACCEPTED, E),
                  GP_SESSION_ERROR_OFFER_NOT_PRESENTED);
  assert_refused (s, gp_session_present_offer (s, GP_ACTOR_AGENT, "gold-card", E), GP_SESSION_ERROR_UNKNOWN);
  gp_assert_ok (gp_session_present_offer (s, GP_ACTOR_AGENT, "paperless", E));
  g_assert_true (gp_session_get_offer_state (s, "sign-in", "paperless", &answered, NULL));
  g_assert_false (answered);
  assert_refused (s, gp_session_present_offer (s, GP_ACTOR_AGENT, "paperless", E), GP_SESSION_ERROR_OFFER_REPEATED);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  /* Answered later, at another step. */
  gp_assert_ok (gp_session_answer_offer (s, GP_ACTOR_CUSTOMER, "sign-in", "paperless", GP_OFFER_ANSWER_LATER, E));
  g_assert_true (gp_session_get_offer_state (s, "sign-in", "paperless", &answered, &answer));
  g_assert_true (answered);
  g_assert_cmpint (answer, ==, GP_OFFER_ANSWER_LATER);
  assert_refused (s, gp_session_answer_offer (s, GP_ACTOR_CUSTOMER, "sign-in", "paperless", GP_OFFER_ANSWER_ACCEPTED, E),
                  GP_SESSION_ERROR_ALREADY_DONE);
}

static void
test_rule_offer_after_failure (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  g_autoptr(GBytes) lenient_bytes = gp_test_base_edited_bytes ("/steps/1/offers/0/after_failure", "true", NULL);
  g_autoptr(GpFlow) lenient = gp_test_load_flow_bytes (lenient_bytes, "base.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = session_at_sign_in (flow, &clock);
  g_autoptr(GpSession) c = session_at_sign_in (flow, &clock);
  g_autoptr(GpSession) l = session_at_sign_in (lenient, &clock);

  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_AGENT, "wrong-password", E));
  assert_refused (s, gp_session_present_offer (s, GP_ACTOR_AGENT, "paperless", E), GP_SESSION_ERROR_OFFER_NOT_ALLOWED);

  gp_assert_ok (gp_session_log_complaint (c, GP_ACTOR_AGENT, GP_PRIORITY_NORMAL, "Website is confusing", E));
  assert_refused (c, gp_session_present_offer (c, GP_ACTOR_AGENT, "paperless", E), GP_SESSION_ERROR_OFFER_NOT_ALLOWED);

  gp_assert_ok (gp_session_report_failure (l, GP_ACTOR_AGENT, "wrong-password", E));
  gp_assert_ok (gp_session_log_complaint (l, GP_ACTOR_AGENT, GP_PRIORITY_NORMAL, "Website is confusing", E));
  gp_assert_ok (gp_session_present_offer (l, GP_ACTOR_AGENT, "paperless", E));
}

static void
test_rule_failures (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = session_at_sign_in (flow, &clock);
  JsonObject *payload;
  const char *to = NULL, *reason = NULL;
  GpPriority priority;
  gboolean saw_limit = FALSE;

  assert_refused (s, gp_session_report_failure (s, GP_ACTOR_AGENT, "meteor", E), GP_SESSION_ERROR_UNKNOWN);
  assert_refused (s, gp_session_take_recovery (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_NO_FAILURE);

  for (guint retry = 1; retry <= 3; retry++)
    {
      gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_CUSTOMER, "wrong-password", E));
      payload = gp_event_get_payload (last_event (s));
      g_assert_cmpstr (json_object_get_string_member (payload, "step"), ==, "sign-in");
      g_assert_cmpstr (json_object_get_string_member (payload, "failure"), ==, "wrong-password");
      g_assert_cmpstr (json_object_get_string_member (payload, "cause"), ==, "customer");
      g_assert_false (gp_session_get_proposed_escalation (s, NULL, NULL, NULL));
      gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_AGENT, E));
      g_assert_cmpstr (current_id (s), ==, "sign-in");
      g_assert_cmpuint (gp_session_get_retries (s, "sign-in", "wrong-password"), ==, retry);
    }
  for (guint i = 0; i < gp_session_get_n_events (s); i++)
    if (gp_event_get_event_type (event_at (s, i)) == GP_EVENT_RETRY_LIMIT_REACHED)
      {
        payload = gp_event_get_payload (event_at (s, i));
        g_assert_cmpstr (json_object_get_string_member (payload, "to"), ==, "Account security team");
        saw_limit = TRUE;
      }
  g_assert_true (saw_limit);
  g_assert_true (gp_session_get_proposed_escalation (s, &to, &priority, &reason));
  g_assert_cmpstr (to, ==, "Account security team");
  g_assert_cmpint (priority, ==, GP_PRIORITY_HIGH);
  g_assert_cmpstr (reason, ==, "Locked after 3 tries");
  g_assert_cmpuint (gp_session_get_failure_count (s, "sign-in", "wrong-password"), ==, 3);

  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_CUSTOMER, "wrong-password", E));
  assert_refused (s, gp_session_take_recovery (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_RETRY_LIMIT);
  assert_refused (s, gp_session_escalate (s, GP_ACTOR_AGENT, "", GP_PRIORITY_HIGH, NULL, E),
                  GP_SESSION_ERROR_INVALID_ARGUMENT);
  gp_assert_ok (gp_session_escalate (s, GP_ACTOR_AGENT, to, priority, reason, E));
  g_assert_false (gp_session_get_proposed_escalation (s, NULL, NULL, NULL));

  /* A system failure without a limit can be recovered from any number of times. */
  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_SYSTEM, "outage", E));
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last_event (s)), "cause"), ==, "system");
  gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_AGENT, E));
  g_assert_cmpstr (current_id (s), ==, "done-later");
  gp_assert_ok (gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_ESCALATED, E));
}

static void
test_rule_try_again (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) a = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);
  g_autoptr(GpSession) b = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);
  g_autoptr(GpSession) self_service = new_session (flow, GP_SESSION_MODE_SELF_SERVICE, &clock);

  assert_refused (a, gp_session_answer_try_again (a, GP_ACTOR_CUSTOMER, TRUE, E), GP_SESSION_ERROR_NOT_ALLOWED);
  gp_assert_ok (gp_session_offer_try_again (a, GP_ACTOR_AGENT, E));
  assert_refused (a, gp_session_offer_try_again (a, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_ALREADY_DONE);
  gp_assert_ok (gp_session_answer_try_again (a, GP_ACTOR_CUSTOMER, TRUE, E));
  g_assert_cmpint (gp_event_get_event_type (last_event (a)), ==, GP_EVENT_TRY_AGAIN_ACCEPTED);
  assert_refused (a, gp_session_answer_try_again (a, GP_ACTOR_CUSTOMER, FALSE, E), GP_SESSION_ERROR_ALREADY_DONE);

  assert_refused (self_service, gp_session_offer_try_again (self_service, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_NOT_ALLOWED);

  gp_assert_ok (gp_session_next (b, GP_ACTOR_CUSTOMER, E));
  assert_refused (b, gp_session_offer_try_again (b, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_NOT_ALLOWED);
}

static void
test_rule_driver (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) a = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);
  g_autoptr(GpSession) self_service = new_session (flow, GP_SESSION_MODE_SELF_SERVICE, &clock);

  assert_refused (a, gp_session_change_driver (a, GP_ACTOR_CUSTOMER, GP_ACTOR_CUSTOMER, E), GP_SESSION_ERROR_ALREADY_DONE);
  assert_refused (a, gp_session_change_driver (a, GP_ACTOR_CUSTOMER, GP_ACTOR_TRAINER, E), GP_SESSION_ERROR_INVALID_ARGUMENT);
  gp_assert_ok (gp_session_change_driver (a, GP_ACTOR_CUSTOMER, GP_ACTOR_AGENT, E));
  g_assert_cmpint (gp_session_get_driver (a), ==, GP_ACTOR_AGENT);
  assert_refused (self_service, gp_session_change_driver (self_service, GP_ACTOR_CUSTOMER, GP_ACTOR_AGENT, E),
                  GP_SESSION_ERROR_NOT_ALLOWED);
}

static void
test_rule_records (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);

  assert_refused (s, gp_session_add_note (s, GP_ACTOR_AGENT, "", E), GP_SESSION_ERROR_INVALID_ARGUMENT);
  gp_assert_ok (gp_session_add_note (s, GP_ACTOR_AGENT, "Customer on a mobile phone", E));
  assert_refused (s, gp_session_log_complaint (s, GP_ACTOR_AGENT, GP_PRIORITY_LOW, "", E), GP_SESSION_ERROR_INVALID_ARGUMENT);
  gp_assert_ok (gp_session_log_complaint (s, GP_ACTOR_AGENT, GP_PRIORITY_LOW, "Too many screens", E));
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last_event (s)), "priority"), ==, "low");
  assert_refused (s, gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, 0, NULL, E), GP_SESSION_ERROR_INVALID_ARGUMENT);
  assert_refused (s, gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, 6, NULL, E), GP_SESSION_ERROR_INVALID_ARGUMENT);
  gp_assert_ok (gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, 4, "Quick", E));
  assert_refused (s, gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, 5, NULL, E), GP_SESSION_ERROR_ALREADY_DONE);
}

static void
test_rule_end (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);
  g_autoptr(GpSession) a = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);

  assert_refused (s, gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_COMPLETED, E), GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (s, gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_ESCALATED, E), GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (s, gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_NONE, E), GP_SESSION_ERROR_INVALID_ARGUMENT);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_choose (s, GP_ACTOR_CUSTOMER, 1, E));
  assert_refused (s, gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_ABANDONED, E), GP_SESSION_ERROR_NOT_ALLOWED);
  gp_assert_ok (gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, 5, NULL, E));
  gp_assert_ok (gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_COMPLETED, E));
  g_assert_true (gp_session_get_ended (s));
  g_assert_cmpint (gp_session_get_outcome (s), ==, GP_OUTCOME_COMPLETED);

  assert_refused (s, gp_session_next (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_ENDED);
  assert_refused (s, gp_session_back (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_ENDED);
  assert_refused (s, gp_session_add_note (s, GP_ACTOR_AGENT, "late", E), GP_SESSION_ERROR_ENDED);
  assert_refused (s, gp_session_answer_offer (s, GP_ACTOR_AGENT, "sign-in", "paperless", GP_OFFER_ANSWER_LATER, E),
                  GP_SESSION_ERROR_ENDED);
  assert_refused (s, gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_COMPLETED, E), GP_SESSION_ERROR_ENDED);

  gp_assert_ok (gp_session_end (a, GP_ACTOR_AGENT, GP_OUTCOME_ABANDONED, E));
  g_assert_cmpint (gp_session_get_outcome (a), ==, GP_OUTCOME_ABANDONED);
}

static void
test_time_and_path (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);

  /* welcome, sign-in (60 s), route, then its first answer: check-id. */
  g_assert_cmpuint (gp_session_get_steps_left (s), ==, 4);
  g_assert_cmpfloat (gp_session_get_seconds_left (s), ==, 60);
  gp_assert_ok (gp_session_show_why (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  /* Entered welcome, then why-shown, step-completed and step-entered: 3 s later. */
  g_assert_cmpint (gp_session_get_time_on_step (s, "welcome"), ==, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (gp_session_get_steps_left (s), ==, 3);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpint (gp_session_get_time_on_step (s, "sign-in"), ==, 2 * G_USEC_PER_SEC);
  g_assert_cmpfloat (gp_session_get_seconds_left (s), ==, 0);
  gp_assert_ok (gp_session_choose (s, GP_ACTOR_CUSTOMER, 1, E));
  g_assert_cmpuint (gp_session_get_steps_left (s), ==, 0);
}

/* Replays */

static GPtrArray *
copy_events (GpSession *session,
             guint      n)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (events, g_list_model_get_item (gp_session_get_events (session), i));
  return events;
}

static GpEvent *
copy_with (GpEvent    *event,
           const char *session_id,
           guint64     seq,
           gint64      mono)
{
  return gp_event_new (session_id, seq, gp_event_get_event_type (event), gp_event_get_actor (event),
                       gp_event_get_wall_time (event), mono, gp_event_get_payload (event));
}

static void
assert_replay_refused (GpFlow    *flow,
                       GPtrArray *events)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpSession) replayed = gp_session_new_from_events (flow, events, &error);

  g_assert_null (replayed);
  g_assert_nonnull (error);
  g_assert_true (error->domain == GP_SESSION_ERROR);
  g_debug ("refused as expected: %s", error->message);
}

static void
test_replay_inconsistent (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  g_autoptr(GpFlow) other = gp_test_load_bundled ("redirect-parcel.en-GB.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = session_at_sign_in (flow, &clock);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  guint n = gp_session_get_n_events (s);

  assert_replay_refused (flow, empty);
  {
    g_autoptr(GPtrArray) events = copy_events (s, n);
    g_autoptr(GError) error = NULL;
    g_autoptr(GpSession) replayed = gp_session_new_from_events (flow, events, &error);
    g_autofree char *a = gp_session_describe_state (s);
    g_autofree char *b = NULL;

    g_assert_no_error (error);
    b = gp_session_describe_state (replayed);
    g_assert_cmpstr (a, ==, b);
    g_assert_cmpuint (gp_session_get_n_unsaved_events (replayed), ==, 0);
    assert_replay_refused (other, events);
  }
  {
    g_autoptr(GPtrArray) events = copy_events (s, n);

    g_ptr_array_remove_index (events, 2);  /* a gap */
    assert_replay_refused (flow, events);
  }
  {
    g_autoptr(GPtrArray) events = copy_events (s, n);

    g_ptr_array_remove_index (events, 0);  /* does not begin with started */
    assert_replay_refused (flow, events);
  }
  {
    g_autoptr(GPtrArray) events = copy_events (s, n);
    GpEvent *last = g_ptr_array_index (events, n - 1);

    events->pdata[n - 1] = copy_with (last, "another-session", n, gp_event_get_monotonic_time (last));
    g_object_unref (last);
    assert_replay_refused (flow, events);
  }
  {
    g_autoptr(GPtrArray) events = copy_events (s, n);
    GpEvent *last = g_ptr_array_index (events, n - 1);

    events->pdata[n - 1] = copy_with (last, gp_session_get_id (s), n, 0);  /* back in time */
    g_object_unref (last);
    assert_replay_refused (flow, events);
  }
  {
    /* A choice on a screen step, as if written by a broken peer. */
    g_autoptr(GPtrArray) events = copy_events (s, n);
    g_autoptr(JsonObject) payload = json_object_new ();

    json_object_set_string_member (payload, "step", "sign-in");
    json_object_set_int_member (payload, "choice", 0);
    json_object_set_string_member (payload, "label", "Yes");
    g_ptr_array_add (events, gp_event_new (gp_session_get_id (s), n + 1, GP_EVENT_CHOICE_MADE, GP_ACTOR_CUSTOMER,
                                           0, G_MAXINT64, payload));
    assert_replay_refused (flow, events);
  }
  {
    /* A payload field of the wrong type. */
    g_autoptr(GPtrArray) events = copy_events (s, n);
    g_autoptr(JsonObject) payload = json_object_new ();

    json_object_set_string_member (payload, "step", "sign-in");
    json_object_set_string_member (payload, "level", "1");
    g_ptr_array_add (events, gp_event_new (gp_session_get_id (s), n + 1, GP_EVENT_HINT_REVEALED, GP_ACTOR_CUSTOMER,
                                           0, G_MAXINT64, payload));
    assert_replay_refused (flow, events);
  }
}

/* A list cut in the middle of an action (a crash) resumes, and the next action completes it. */
static void
test_replay_cut (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock;
  g_autoptr(GpSession) s = session_at_sign_in (flow, &clock);
  g_autoptr(GPtrArray) events = copy_events (s, gp_session_get_n_events (s) - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpSession) resumed = gp_session_new_from_events (flow, events, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (current_id (resumed), ==, "welcome");
  gp_assert_ok (gp_session_reveal_hint (resumed, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpstr (current_id (resumed), ==, "sign-in");
  g_assert_cmpuint (gp_session_get_n_events (resumed), ==, gp_session_get_n_events (s) + 1);
}

/* Random legal sessions: every prefix of their events replays to the same state. */

typedef struct {
  GPtrArray *states;
} Recorder;

static void
on_event_applied (GpSession *session,
                  GpEvent   *event,
                  Recorder  *recorder)
{
  g_assert_cmpuint (gp_event_get_seq (event), ==, recorder->states->len + 1);
  g_ptr_array_add (recorder->states, gp_session_describe_state (session));
}

static void
random_action (GpSession *s,
               GRand     *rand)
{
  GpStep *step = gp_session_get_current_step (s);
  GpActor actor = g_rand_boolean (rand) ? GP_ACTOR_AGENT : GP_ACTOR_CUSTOMER;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  guint before = gp_session_get_n_events (s);
  int pick = g_rand_int_range (rand, 0, 103);

  if (gp_step_get_kind (step) == GP_STEP_KIND_END && pick < 30)
    ok = gp_session_end (s, actor, gp_step_get_outcome (step), &error);
  else if (pick < 30)
    ok = gp_session_next (s, actor, &error);
  else if (pick < 45)
    ok = gp_session_choose (s, actor, g_rand_int_range (rand, 0, 4), &error);
  else if (pick < 50)
    ok = gp_session_back (s, actor, &error);
  else if (pick < 55)
    ok = gp_session_reveal_hint (s, actor, &error);
  else if (pick < 58)
    ok = gp_session_show_why (s, actor, &error);
  else if (pick < 68)
    ok = gp_session_pass_check (s, GP_ACTOR_AGENT, g_rand_int_range (rand, 0, 5), &error);
  else if (pick < 70)
    ok = gp_session_fail_check (s, GP_ACTOR_AGENT, g_rand_int_range (rand, 0, 5), &error);
  else if (pick < 76 && gp_step_get_n_failures (step) > 0)
    ok = gp_session_report_failure (s, actor, gp_failure_get_id (gp_step_get_failure (step, g_rand_int_range (rand, 0, gp_step_get_n_failures (step)))), &error);
  else if (pick < 82)
    ok = gp_session_take_recovery (s, actor, &error);
  else if (pick < 86 && gp_step_get_n_offers (step) > 0)
    ok = gp_session_present_offer (s, actor, gp_offer_get_id (gp_step_get_offer (step, g_rand_int_range (rand, 0, gp_step_get_n_offers (step)))), &error);
  else if (pick < 89 && gp_step_get_n_offers (step) > 0)
    ok = gp_session_answer_offer (s, actor, NULL, gp_offer_get_id (gp_step_get_offer (step, 0)),
                                  g_rand_int_range (rand, 0, 3), &error);
  else if (pick < 91)
    ok = gp_session_change_driver (s, actor, g_rand_boolean (rand) ? GP_ACTOR_AGENT : GP_ACTOR_CUSTOMER, &error);
  else if (pick < 92)
    ok = gp_session_add_note (s, actor, "note", &error);
  else if (pick < 93)
    ok = gp_session_escalate (s, GP_ACTOR_AGENT, "Second line", g_rand_int_range (rand, 0, 4), NULL, &error);
  else if (pick < 94)
    ok = gp_session_log_complaint (s, GP_ACTOR_AGENT, GP_PRIORITY_NORMAL, "slow", &error);
  else if (pick < 95)
    ok = gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, g_rand_int_range (rand, 0, 7), NULL, &error);
  else if (pick < 97)
    ok = g_rand_boolean (rand) ? gp_session_offer_try_again (s, GP_ACTOR_AGENT, &error)
                               : gp_session_answer_try_again (s, GP_ACTOR_CUSTOMER, g_rand_boolean (rand), &error);
  else if (pick < 98)
    ok = gp_session_end (s, GP_ACTOR_AGENT, g_rand_int_range (rand, 1, 4), &error);
  else if (pick < 99 && gp_step_get_n_failures (step) > 0)
    ok = gp_session_inject_failure (s, g_rand_int_range (rand, 0, 4) != 0 ? GP_ACTOR_TRAINER : actor,
                                    gp_failure_get_id (gp_step_get_failure (step, g_rand_int_range (rand, 0, gp_step_get_n_failures (step)))), &error);
  else if (pick < 100)
    ok = gp_session_clear_failure (s, g_rand_int_range (rand, 0, 4) != 0 ? GP_ACTOR_TRAINER : actor, &error);
  else if (pick < 101)
    ok = gp_session_start_scenario (s, g_rand_int_range (rand, 0, 4) != 0 ? GP_ACTOR_TRAINER : actor,
                                    "a-scenario", "1.0.0", g_rand_int_range (rand, 0, 3),
                                    g_rand_boolean (rand), &error);
  else if (pick < 102)
    ok = gp_session_hand_driving (s, g_rand_int_range (rand, 0, 4) != 0 ? GP_ACTOR_TRAINER : actor,
                                  g_rand_boolean (rand) ? "Ada" : "Ben", &error);
  else if (pick < 103)
    ok = gp_session_take_back_driving (s, g_rand_int_range (rand, 0, 4) != 0 ? GP_ACTOR_TRAINER : actor, &error);
  else
    return;

  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (gp_session_get_n_events (s), >, before);
    }
  else
    {
      g_assert_true (error != NULL && error->domain == GP_SESSION_ERROR);
      g_assert_cmpuint (gp_session_get_n_events (s), ==, before);
    }
}

static void
check_identity_payloads (GpSession *s)
{
  for (guint i = 0; i < gp_session_get_n_events (s); i++)
    {
      GpEvent *event = event_at (s, i);
      GpEventType type = gp_event_get_event_type (event);

      if (type == GP_EVENT_IDENTITY_CHECK_PASSED || type == GP_EVENT_IDENTITY_CHECK_FAILED)
        {
          JsonObject *payload = gp_event_get_payload (event);
          g_autoptr(GList) members = json_object_get_members (payload);

          g_assert_cmpuint (g_list_length (members), ==, 3);
          g_assert_true (json_object_has_member (payload, "step"));
          g_assert_true (json_object_has_member (payload, "check"));
          g_assert_true (json_object_has_member (payload, "label"));
        }
    }
}

static void
test_determinism (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  GpFlow *flows[G_N_ELEMENTS (bundled_flows) + 1];
  guint n_sessions = g_test_slow () ? 10000 : 2000;
  guint n_events = 0, n_ended = 0;
  guint seen[GP_EVENT_LAST + 1] = { 0 };

  for (guint f = 0; f < G_N_ELEMENTS (bundled_flows); f++)
    flows[f] = gp_test_load_bundled (bundled_flows[f]);
  flows[G_N_ELEMENTS (bundled_flows)] = load_base ();

  for (guint i = 0; i < n_sessions; i++)
    {
      GpFlow *flow = flows[i % G_N_ELEMENTS (flows)];
      Recorder recorder = { g_ptr_array_new_with_free_func (g_free) };
      GpTestClock clock;
      g_autoptr(GpSession) s = new_session (flow, g_rand_int_range (rand, 0, 3), &clock);
      g_autoptr(GPtrArray) events = NULL;
      guint n_actions = g_rand_int_range (rand, 1, 120);

      for (guint e = 0; e < gp_session_get_n_events (s); e++)
        {
          g_autoptr(GPtrArray) prefix = copy_events (s, e + 1);
          g_autoptr(GpSession) replayed = gp_session_new_from_events (flow, prefix, NULL);

          g_ptr_array_add (recorder.states, gp_session_describe_state (replayed));
        }
      g_signal_connect (s, "event-applied", G_CALLBACK (on_event_applied), &recorder);
      for (guint a = 0; a < n_actions && !gp_session_get_ended (s); a++)
        random_action (s, rand);
      n_ended += gp_session_get_ended (s);
      check_identity_payloads (s);

      events = copy_events (s, gp_session_get_n_events (s));
      g_assert_cmpuint (recorder.states->len, ==, events->len);
      /* Every prefix for some sessions (quadratic), the whole list for all. */
      for (guint e = (i % 8 == 0) ? 1 : events->len; e <= events->len; e++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) prefix = copy_events (s, e);
          g_autoptr(GpSession) replayed = gp_session_new_from_events (flow, prefix, &error);
          g_autofree char *state = NULL;

          g_assert_no_error (error);
          state = gp_session_describe_state (replayed);
          g_assert_cmpstr (state, ==, g_ptr_array_index (recorder.states, e - 1));
        }
      /* Through JSON text, as the journal and the network carry them. */
      {
        g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(GError) error = NULL;
        g_autoptr(GpSession) replayed = NULL;
        g_autofree char *a = gp_session_describe_state (s);
        g_autofree char *b = NULL;

        for (guint e = 0; e < events->len; e++)
          {
            g_autoptr(JsonNode) node = gp_event_to_json (g_ptr_array_index (events, e));
            g_autofree char *text = json_to_string (node, FALSE);
            g_autoptr(JsonNode) back = gp_json_parse_strict (text, strlen (text), 64, NULL, NULL, &error);
            g_autoptr(GString) direct = g_string_new (NULL);
            g_autoptr(JsonNode) direct_node = NULL;
            g_autofree char *direct_text = NULL;

            g_assert_no_error (error);
            /* The text written without a tree is the same document. */
            gp_event_append_json (g_ptr_array_index (events, e), direct);
            direct_node = gp_json_parse_strict (direct->str, direct->len, 64, NULL, NULL, &error);
            g_assert_no_error (error);
            direct_text = json_to_string (direct_node, FALSE);
            g_assert_cmpstr (direct_text, ==, text);
            /* And read back without a tree: the same event. */
            {
              g_autoptr(GpJsonDoc) doc = gp_json_doc_parse (direct->str, direct->len, 64, NULL, NULL, &error);
              g_autoptr(GpEvent) read_back = NULL;
              g_autoptr(JsonNode) read_node = NULL;
              g_autofree char *read_text = NULL;

              g_assert_no_error (error);
              read_back = gp_event_new_from_value (gp_json_doc_get_root (doc), &error);
              g_assert_no_error (error);
              read_node = gp_event_to_json (read_back);
              read_text = json_to_string (read_node, FALSE);
              g_assert_cmpstr (read_text, ==, text);
            }
            g_ptr_array_add (parsed, gp_event_new_from_json (back, &error));
            g_assert_no_error (error);
          }
        replayed = gp_session_new_from_events (flow, parsed, &error);
        g_assert_no_error (error);
        b = gp_session_describe_state (replayed);
        g_assert_cmpstr (a, ==, b);
      }
      n_events += events->len;
      for (guint e = 0; e < events->len; e++)
        seen[gp_event_get_event_type (g_ptr_array_index (events, e))]++;
      g_ptr_array_unref (recorder.states);
    }
  g_test_message ("%u sessions, %u events, %u ended", n_sessions, n_events, n_ended);
  g_assert_cmpuint (n_ended, >, n_sessions / 10);
  /* The generator reaches every kind of event. */
  for (guint t = 0; t <= GP_EVENT_LAST; t++)
    if (seen[t] == 0 && t != GP_EVENT_HANDOFF_REQUESTED && t != GP_EVENT_HANDED_OFF)
      g_error ("no %s event in %u random sessions", gp_event_type_to_string (t), n_sessions);
  for (guint f = 0; f < G_N_ELEMENTS (flows); f++)
    g_object_unref (flows[f]);
}

/* Durability */

typedef struct {
  guint    n_sink_errors;
  GPtrArray *applied;
} SinkWatch;

static void
on_sink_error (GpSession *session,
               GError    *error,
               SinkWatch *watch)
{
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  watch->n_sink_errors++;
}

static void
on_applied_check_saved (GpSession *session,
                        GpEvent   *event,
                        GpMemorySink *sink)
{
  GPtrArray *saved = gp_memory_sink_get_events (sink);

  /* Reported applied only after the sink was offered it. */
  if (gp_session_get_n_unsaved_events (session) == 0)
    g_assert_true (saved->len > 0 && g_ptr_array_index (saved, saved->len - 1) == event);
}

static void
assert_saved_in_order (GpSession    *s,
                       GpMemorySink *sink)
{
  GPtrArray *saved = gp_memory_sink_get_events (sink);

  g_assert_cmpuint (saved->len, ==, gp_session_get_n_events (s));
  for (guint i = 0; i < saved->len; i++)
    g_assert_true (g_ptr_array_index (saved, i) == event_at (s, i));
}

static void
test_sink (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  g_autoptr(GpMemorySink) sink = gp_memory_sink_new ();
  g_autoptr(GpSession) s = gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "g", GP_FAMILIARITY_NEW, "p",
                                           GP_EVENT_SINK (sink));
  SinkWatch watch = { 0 };
  g_autoptr(GError) error = NULL;

  g_signal_connect (s, "sink-error", G_CALLBACK (on_sink_error), &watch);
  g_signal_connect (s, "event-applied", G_CALLBACK (on_applied_check_saved), sink);
  g_assert_cmpuint (gp_memory_sink_get_n_begins (sink), ==, 1);
  assert_saved_in_order (s, sink);

  gp_memory_sink_set_failing (sink, TRUE);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_reveal_hint (s, GP_ACTOR_CUSTOMER, E));
  /* Kept in memory, counted, reported. */
  g_assert_cmpuint (gp_session_get_n_events (s), ==, 6);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 3);
  g_assert_cmpuint (watch.n_sink_errors, ==, 3);
  g_assert_cmpuint (gp_memory_sink_get_events (sink)->len, ==, 3);
  g_assert_false (gp_session_flush (s, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);

  /* Retried in order before the next event. */
  gp_memory_sink_set_failing (sink, FALSE);
  gp_assert_ok (gp_session_show_why (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 0);
  assert_saved_in_order (s, sink);

  /* And on flush. */
  gp_memory_sink_set_failing (sink, TRUE);
  gp_assert_ok (gp_session_add_note (s, GP_ACTOR_AGENT, "n", E));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 1);
  gp_memory_sink_set_failing (sink, FALSE);
  g_assert_true (gp_session_flush (s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 0);
  assert_saved_in_order (s, sink);
  g_assert_cmpuint (gp_memory_sink_get_n_begins (sink), ==, 1);
  g_assert_true (gp_session_flush (s, &error));
  assert_saved_in_order (s, sink);
}

static void
test_sink_late (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  g_autoptr(GpMemorySink) sink = gp_memory_sink_new ();
  g_autoptr(GpMemorySink) failing = gp_memory_sink_new ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);
  SinkWatch watch = { 0 };

  /* A sink that never worked: begin_session is retried too. */
  gp_memory_sink_set_failing (failing, TRUE);
  g_signal_connect (s, "sink-error", G_CALLBACK (on_sink_error), &watch);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 0);
  gp_session_set_sink (s, GP_EVENT_SINK (failing));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 3);
  g_assert_cmpuint (watch.n_sink_errors, ==, 1);
  gp_memory_sink_set_failing (failing, FALSE);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpuint (gp_memory_sink_get_n_begins (failing), ==, 1);
  assert_saved_in_order (s, failing);

  gp_session_set_sink (s, NULL);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_session_set_sink (s, GP_EVENT_SINK (sink));
  /* Only what the first sink never had. */
  g_assert_cmpuint (gp_memory_sink_get_events (sink)->len, ==, 2);
  g_assert_cmpuint (gp_memory_sink_get_n_begins (sink), ==, 1);
}

/* Observability */

typedef struct {
  GHashTable *counts;
} NotifyCounter;

static void
on_notify (GObject       *object,
           GParamSpec    *pspec,
           NotifyCounter *counter)
{
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counter->counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counter->counts, name)) + 1));
}

static guint
n_notifies (NotifyCounter *counter,
            const char    *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counter->counts, name));
}

static void
test_notify (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  g_autoptr(GpMemorySink) sink = gp_memory_sink_new ();
  GpTestClock clock;
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_ASSISTED, &clock);
  NotifyCounter counter = { g_hash_table_new (g_str_hash, g_str_equal) };

  g_signal_connect (s, "notify", G_CALLBACK (on_notify), &counter);

  assert_refused (s, gp_session_choose (s, GP_ACTOR_CUSTOMER, 0, E), GP_SESSION_ERROR_WRONG_STEP_KIND);
  g_assert_cmpuint (g_hash_table_size (counter.counts), ==, 0);

  gp_assert_ok (gp_session_add_note (s, GP_ACTOR_AGENT, "hello", E));
  g_assert_cmpuint (n_notifies (&counter, "n-events"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (counter.counts), ==, 1);

  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));  /* two events, one step change */
  g_assert_cmpuint (n_notifies (&counter, "n-events"), ==, 3);
  g_assert_cmpuint (n_notifies (&counter, "current-step"), ==, 1);
  g_assert_cmpuint (n_notifies (&counter, "driver"), ==, 0);

  gp_assert_ok (gp_session_change_driver (s, GP_ACTOR_CUSTOMER, GP_ACTOR_AGENT, E));
  g_assert_cmpuint (n_notifies (&counter, "driver"), ==, 1);
  assert_refused (s, gp_session_change_driver (s, GP_ACTOR_CUSTOMER, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_ALREADY_DONE);
  g_assert_cmpuint (n_notifies (&counter, "driver"), ==, 1);

  /* A recovery to the same step is no change of step. */
  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_CUSTOMER, "wrong-password", E));
  gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_AGENT, E));
  g_assert_cmpuint (n_notifies (&counter, "current-step"), ==, 1);

  gp_session_set_sink (s, GP_EVENT_SINK (sink));
  g_assert_cmpuint (n_notifies (&counter, "sink"), ==, 1);
  g_assert_cmpuint (n_notifies (&counter, "n-unsaved-events"), ==, 0);
  gp_memory_sink_set_failing (sink, TRUE);
  gp_assert_ok (gp_session_show_why (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpuint (n_notifies (&counter, "n-unsaved-events"), ==, 1);
  gp_memory_sink_set_failing (sink, FALSE);
  g_assert_true (gp_session_flush (s, NULL));
  g_assert_cmpuint (n_notifies (&counter, "n-unsaved-events"), ==, 2);
  g_assert_true (gp_session_flush (s, NULL));
  g_assert_cmpuint (n_notifies (&counter, "n-unsaved-events"), ==, 2);

  g_assert_cmpuint (n_notifies (&counter, "ended"), ==, 0);
  gp_assert_ok (gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_ABANDONED, E));
  g_assert_cmpuint (n_notifies (&counter, "ended"), ==, 1);
  g_assert_cmpuint (n_notifies (&counter, "outcome"), ==, 1);
  g_assert_cmpuint (n_notifies (&counter, "current-step"), ==, 1);

  g_signal_handlers_disconnect_by_data (s, &counter);
  g_hash_table_unref (counter.counts);
  g_assert_finalize_object (g_steal_pointer (&s));
}

/* Training: the scenario played and the classroom's driving.  Only the trainer, only in
 * training mode; a scenario once and before the first step is done; one trainee drives. */
static void
test_rule_training (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock, clock2, clock3;
  g_autoptr(GpSession) assisted = session_at_sign_in (flow, &clock2);
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_TRAINING, &clock);
  g_autoptr(GpSession) late = new_session (flow, GP_SESSION_MODE_TRAINING, &clock3);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GpSession) replayed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *replayed_state = NULL;
  GpScenarioRun run;

  /* A trainee's session: the intake is the agent's. */
  {
    g_autoptr(GpSession) played = gp_session_new_for_trainee (flow, "goal", GP_FAMILIARITY_NEW, "problem", NULL);
    g_autoptr(GpEvent) intake = g_list_model_get_item (gp_session_get_events (played), 1);

    g_assert_cmpint (gp_session_get_mode (played), ==, GP_SESSION_MODE_TRAINING);
    g_assert_cmpint (gp_event_get_event_type (intake), ==, GP_EVENT_INTAKE_RECORDED);
    g_assert_cmpint (gp_event_get_actor (intake), ==, GP_ACTOR_AGENT);
  }
  g_assert_true (gp_scenario_run_from_string ("assessment", &run));
  g_assert_cmpint (run, ==, GP_SCENARIO_RUN_ASSESSMENT);
  g_assert_false (gp_scenario_run_from_string ("exam", &run));

  assert_refused (assisted, gp_session_start_scenario (assisted, GP_ACTOR_TRAINER, "sc", "1.0.0",
                                                       GP_SCENARIO_RUN_PRACTICE, TRUE, E),
                  GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (assisted, gp_session_hand_driving (assisted, GP_ACTOR_TRAINER, "Ada", E),
                  GP_SESSION_ERROR_NOT_ALLOWED);

  g_assert_null (gp_session_get_scenario_id (s));
  g_assert_true (gp_session_get_hints_allowed (s));
  assert_refused (s, gp_session_start_scenario (s, GP_ACTOR_AGENT, "sc", "1.0.0",
                                                GP_SCENARIO_RUN_PRACTICE, TRUE, E),
                  GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (s, gp_session_start_scenario (s, GP_ACTOR_TRAINER, "sc", "1.0.0",
                                                GP_SCENARIO_RUN_NONE, TRUE, E),
                  GP_SESSION_ERROR_INVALID_ARGUMENT);
  assert_refused (s, gp_session_start_scenario (s, GP_ACTOR_TRAINER, "", "1.0.0",
                                                GP_SCENARIO_RUN_PRACTICE, TRUE, E),
                  GP_SESSION_ERROR_INVALID_ARGUMENT);
  gp_assert_ok (gp_session_start_scenario (s, GP_ACTOR_TRAINER, "sc", "1.2.0",
                                           GP_SCENARIO_RUN_ASSESSMENT, FALSE, E));
  g_assert_cmpstr (gp_session_get_scenario_id (s), ==, "sc");
  g_assert_cmpint (gp_session_get_scenario_run (s), ==, GP_SCENARIO_RUN_ASSESSMENT);
  g_assert_false (gp_session_get_hints_allowed (s));
  assert_refused (s, gp_session_start_scenario (s, GP_ACTOR_TRAINER, "sc", "1.2.0",
                                                GP_SCENARIO_RUN_PRACTICE, TRUE, E),
                  GP_SESSION_ERROR_ALREADY_DONE);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpstr (current_id (s), ==, "sign-in");
  assert_refused (s, gp_session_reveal_hint (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_NOT_ALLOWED);

  /* Too late once a step is done. */
  gp_assert_ok (gp_session_next (late, GP_ACTOR_CUSTOMER, E));
  assert_refused (late, gp_session_start_scenario (late, GP_ACTOR_TRAINER, "sc", "1.0.0",
                                                   GP_SCENARIO_RUN_PRACTICE, TRUE, E),
                  GP_SESSION_ERROR_NOT_ALLOWED);
  gp_assert_ok (gp_session_reveal_hint (late, GP_ACTOR_AGENT, E));

  /* The classroom's driving. */
  assert_refused (s, gp_session_take_back_driving (s, GP_ACTOR_TRAINER, E), GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (s, gp_session_hand_driving (s, GP_ACTOR_AGENT, "Ada", E), GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (s, gp_session_hand_driving (s, GP_ACTOR_TRAINER, "", E), GP_SESSION_ERROR_INVALID_ARGUMENT);
  gp_assert_ok (gp_session_hand_driving (s, GP_ACTOR_TRAINER, "Ada", E));
  g_assert_cmpstr (gp_session_get_driving_trainee (s), ==, "Ada");
  assert_refused (s, gp_session_hand_driving (s, GP_ACTOR_TRAINER, "Ben", E), GP_SESSION_ERROR_ALREADY_DONE);
  assert_refused (s, gp_session_take_back_driving (s, GP_ACTOR_CUSTOMER, E), GP_SESSION_ERROR_NOT_ALLOWED);
  gp_assert_ok (gp_session_take_back_driving (s, GP_ACTOR_TRAINER, E));
  g_assert_null (gp_session_get_driving_trainee (s));
  gp_assert_ok (gp_session_hand_driving (s, GP_ACTOR_TRAINER, "Ben", E));

  /* The same state from the events. */
  events = copy_events (s, gp_session_get_n_events (s));
  replayed = gp_session_new_from_events (flow, events, &error);
  g_assert_no_error (error);
  state = gp_session_describe_state (s);
  replayed_state = gp_session_describe_state (replayed);
  g_assert_cmpstr (state, ==, replayed_state);
  g_assert_nonnull (strstr (state, "training: scenario=sc run=assessment hints=0 trainee=Ben"));
}

/* Training: the fault console.  Only the trainer, only in training mode, a failure of
 * the current step, one at a time; entering another step clears it. */
static void
test_rule_fault_console (void)
{
  g_autoptr(GpFlow) flow = load_base ();
  GpTestClock clock, clock2;
  g_autoptr(GpSession) assisted = session_at_sign_in (flow, &clock2);
  g_autoptr(GpSession) s = new_session (flow, GP_SESSION_MODE_TRAINING, &clock);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GpSession) replayed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *replayed_state = NULL;
  JsonObject *payload;

  /* Not in an assisted session, even for the trainer. */
  assert_refused (assisted, gp_session_inject_failure (assisted, GP_ACTOR_TRAINER, "outage", E),
                  GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (assisted, gp_session_clear_failure (assisted, GP_ACTOR_TRAINER, E),
                  GP_SESSION_ERROR_NOT_ALLOWED);

  /* The start step lists no failures. */
  assert_refused (s, gp_session_inject_failure (s, GP_ACTOR_TRAINER, "outage", E), GP_SESSION_ERROR_UNKNOWN);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  g_assert_cmpstr (current_id (s), ==, "sign-in");
  g_assert_null (gp_session_get_injected_failure (s));

  /* Only the trainer. */
  assert_refused (s, gp_session_inject_failure (s, GP_ACTOR_AGENT, "outage", E), GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (s, gp_session_inject_failure (s, GP_ACTOR_CUSTOMER, "outage", E), GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (s, gp_session_inject_failure (s, GP_ACTOR_SYSTEM, "outage", E), GP_SESSION_ERROR_NOT_ALLOWED);
  assert_refused (s, gp_session_inject_failure (s, GP_ACTOR_TRAINER, "meteor", E), GP_SESSION_ERROR_UNKNOWN);
  assert_refused (s, gp_session_clear_failure (s, GP_ACTOR_TRAINER, E), GP_SESSION_ERROR_NO_FAILURE);

  gp_assert_ok (gp_session_inject_failure (s, GP_ACTOR_TRAINER, "outage", E));
  payload = gp_event_get_payload (last_event (s));
  g_assert_cmpint (gp_event_get_event_type (last_event (s)), ==, GP_EVENT_FAILURE_INJECTED);
  g_assert_cmpint (gp_event_get_actor (last_event (s)), ==, GP_ACTOR_TRAINER);
  g_assert_cmpstr (json_object_get_string_member (payload, "step"), ==, "sign-in");
  g_assert_cmpstr (json_object_get_string_member (payload, "failure"), ==, "outage");
  g_assert_cmpstr (json_object_get_string_member (payload, "cause"), ==, "system");
  g_assert_nonnull (gp_session_get_injected_failure (s));
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (s)), ==, "outage");
  state = gp_session_describe_state (s);
  g_assert_nonnull (strstr (state, "injected-failure: outage\n"));
  g_clear_pointer (&state, g_free);

  /* One at a time. */
  assert_refused (s, gp_session_inject_failure (s, GP_ACTOR_TRAINER, "wrong-password", E),
                  GP_SESSION_ERROR_ALREADY_DONE);
  assert_refused (s, gp_session_inject_failure (s, GP_ACTOR_TRAINER, "outage", E), GP_SESSION_ERROR_ALREADY_DONE);
  assert_refused (s, gp_session_clear_failure (s, GP_ACTOR_AGENT, E), GP_SESSION_ERROR_NOT_ALLOWED);

  gp_assert_ok (gp_session_clear_failure (s, GP_ACTOR_TRAINER, E));
  g_assert_cmpint (gp_event_get_event_type (last_event (s)), ==, GP_EVENT_FAILURE_CLEARED);
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last_event (s)), "failure"), ==, "outage");
  g_assert_null (gp_session_get_injected_failure (s));
  assert_refused (s, gp_session_clear_failure (s, GP_ACTOR_TRAINER, E), GP_SESSION_ERROR_NO_FAILURE);

  /* The trainee's flow is unchanged: they report it and take its recovery as usual. */
  gp_assert_ok (gp_session_inject_failure (s, GP_ACTOR_TRAINER, "wrong-password", E));
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last_event (s)), "cause"), ==, "customer");
  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_CUSTOMER, "wrong-password", E));
  g_assert_nonnull (gp_session_get_injected_failure (s));
  gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_AGENT, E));
  /* A recovery to the same step enters it again: the injected failure is cleared. */
  g_assert_cmpstr (current_id (s), ==, "sign-in");
  g_assert_null (gp_session_get_injected_failure (s));
  assert_refused (s, gp_session_clear_failure (s, GP_ACTOR_TRAINER, E), GP_SESSION_ERROR_NO_FAILURE);

  /* Entering another step clears it too. */
  gp_assert_ok (gp_session_inject_failure (s, GP_ACTOR_TRAINER, "outage", E));
  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_SYSTEM, "outage", E));
  gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_AGENT, E));
  g_assert_cmpstr (current_id (s), ==, "done-later");
  g_assert_null (gp_session_get_injected_failure (s));
  state = gp_session_describe_state (s);
  g_assert_nonnull (strstr (state, "injected-failure: -\n"));

  /* Replayed, and through JSON text: the same state; a forged actor is refused. */
  events = copy_events (s, gp_session_get_n_events (s));
  replayed = gp_session_new_from_events (flow, events, &error);
  g_assert_no_error (error);
  replayed_state = gp_session_describe_state (replayed);
  g_assert_cmpstr (state, ==, replayed_state);
  g_clear_object (&replayed);
  g_clear_pointer (&replayed_state, g_free);
  for (guint e = 0; e < events->len; e++)
    {
      g_autoptr(JsonNode) node = gp_event_to_json (g_ptr_array_index (events, e));
      g_autofree char *text = json_to_string (node, FALSE);
      g_autoptr(JsonNode) back = gp_json_parse_strict (text, strlen (text), 64, NULL, NULL, &error);
      GpEvent *event;

      g_assert_no_error (error);
      event = gp_event_new_from_json (back, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gp_event_get_event_type (event), ==, gp_event_get_event_type (g_ptr_array_index (events, e)));
      if (gp_event_get_event_type (event) == GP_EVENT_FAILURE_INJECTED)
        g_assert_nonnull (strstr (text, "\"type\":\"failure-injected\""));
      if (gp_event_get_event_type (event) == GP_EVENT_FAILURE_CLEARED)
        g_assert_nonnull (strstr (text, "\"type\":\"failure-cleared\""));
      g_ptr_array_add (parsed, event);
    }
  replayed = gp_session_new_from_events (flow, parsed, &error);
  g_assert_no_error (error);
  replayed_state = gp_session_describe_state (replayed);
  g_assert_cmpstr (state, ==, replayed_state);

  /* The same injection recorded as the agent's does not replay. */
  {
    g_autoptr(GPtrArray) forged = copy_events (s, 0);
    g_autoptr(GpSession) bad = NULL;
    guint n_entered = 0;

    for (guint e = 0; e < events->len; e++)
      {
        GpEvent *event = g_ptr_array_index (events, e);

        if (gp_event_get_event_type (event) == GP_EVENT_STEP_ENTERED)
          n_entered++;
        if (gp_event_get_event_type (event) == GP_EVENT_FAILURE_INJECTED)
          {
            g_ptr_array_add (forged, gp_event_new (gp_event_get_session_id (event), gp_event_get_seq (event),
                                                   GP_EVENT_FAILURE_INJECTED, GP_ACTOR_AGENT,
                                                   gp_event_get_wall_time (event),
                                                   gp_event_get_monotonic_time (event),
                                                   gp_event_get_payload (event)));
            break;
          }
        g_ptr_array_add (forged, g_object_ref (event));
      }
    g_assert_cmpuint (n_entered, >, 0);
    bad = gp_session_new_from_events (flow, forged, &error);
    g_assert_null (bad);
    g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guidepost/session/event/round-trip", test_event_round_trip);
  g_test_add_func ("/guidepost/session/event/malformed", test_event_malformed);
  g_test_add_func ("/guidepost/session/create", test_create);
  g_test_add_func ("/guidepost/session/rules/choice", test_rule_choice);
  g_test_add_func ("/guidepost/session/rules/next", test_rule_next);
  g_test_add_func ("/guidepost/session/rules/identity-checks", test_rule_checks);
  g_test_add_func ("/guidepost/session/rules/hints", test_rule_hints);
  g_test_add_func ("/guidepost/session/rules/why", test_rule_why);
  g_test_add_func ("/guidepost/session/rules/back", test_rule_back);
  g_test_add_func ("/guidepost/session/rules/offers", test_rule_offers);
  g_test_add_func ("/guidepost/session/rules/offer-after-failure", test_rule_offer_after_failure);
  g_test_add_func ("/guidepost/session/rules/failures", test_rule_failures);
  g_test_add_func ("/guidepost/session/rules/try-again", test_rule_try_again);
  g_test_add_func ("/guidepost/session/rules/driver", test_rule_driver);
  g_test_add_func ("/guidepost/session/rules/records", test_rule_records);
  g_test_add_func ("/guidepost/session/rules/end", test_rule_end);
  g_test_add_func ("/guidepost/session/rules/fault-console", test_rule_fault_console);
  g_test_add_func ("/guidepost/session/rules/training", test_rule_training);
  g_test_add_func ("/guidepost/session/time-and-path", test_time_and_path);
  g_test_add_func ("/guidepost/session/replay/inconsistent", test_replay_inconsistent);
  g_test_add_func ("/guidepost/session/replay/cut", test_replay_cut);
  g_test_add_func ("/guidepost/session/determinism", test_determinism);
  g_test_add_func ("/guidepost/session/sink/failing", test_sink);
  g_test_add_func ("/guidepost/session/sink/late", test_sink_late);
  g_test_add_func ("/guidepost/session/notify", test_notify);

  return g_test_run ();
}
