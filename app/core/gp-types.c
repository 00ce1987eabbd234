/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <guidepost/gp-types.h>

/* These spellings are the flow format's (see ../shared/flow-format.md). */

const char *
gp_step_kind_to_string (GpStepKind kind)
{
  static const char * const names[] = { "screen", "question", "identity-check", "info", "end" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

const char *
gp_element_type_to_string (GpElementType type)
{
  static const char * const names[] = { "field", "button", "link", "text", "choice", "image" };

  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (names), NULL);
  return names[type];
}

const char *
gp_failure_cause_to_string (GpFailureCause cause)
{
  static const char * const names[] = { "customer", "system" };

  g_return_val_if_fail ((guint) cause < G_N_ELEMENTS (names), NULL);
  return names[cause];
}

const char *
gp_priority_to_string (GpPriority priority)
{
  static const char * const names[] = { "low", "normal", "high", "urgent" };

  g_return_val_if_fail ((guint) priority < G_N_ELEMENTS (names), NULL);
  return names[priority];
}

const char *
gp_outcome_to_string (GpOutcome outcome)
{
  static const char * const names[] = { "none", "completed", "escalated", "abandoned" };

  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (names), NULL);
  return names[outcome];
}

const char *
gp_offer_when_to_string (GpOfferWhen when)
{
  static const char * const names[] = { "on-enter", "on-complete" };

  g_return_val_if_fail ((guint) when < G_N_ELEMENTS (names), NULL);
  return names[when];
}
