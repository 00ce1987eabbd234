/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _GpChoice        GpChoice;
typedef struct _GpDiagnostic    GpDiagnostic;
typedef struct _GpFailure       GpFailure;
typedef struct _GpFlow          GpFlow;
typedef struct _GpFlowLibrary   GpFlowLibrary;
typedef struct _GpOffer         GpOffer;
typedef struct _GpScreenElement GpScreenElement;
typedef struct _GpStep          GpStep;

typedef enum {
  GP_STEP_KIND_SCREEN,
  GP_STEP_KIND_QUESTION,
  GP_STEP_KIND_IDENTITY_CHECK,
  GP_STEP_KIND_INFO,
  GP_STEP_KIND_END,
} GpStepKind;

typedef enum {
  GP_ELEMENT_TYPE_FIELD,
  GP_ELEMENT_TYPE_BUTTON,
  GP_ELEMENT_TYPE_LINK,
  GP_ELEMENT_TYPE_TEXT,
  GP_ELEMENT_TYPE_CHOICE,
  GP_ELEMENT_TYPE_IMAGE,
} GpElementType;

typedef enum {
  GP_FAILURE_CAUSE_CUSTOMER,
  GP_FAILURE_CAUSE_SYSTEM,
} GpFailureCause;

typedef enum {
  GP_PRIORITY_LOW,
  GP_PRIORITY_NORMAL,
  GP_PRIORITY_HIGH,
  GP_PRIORITY_URGENT,
} GpPriority;

typedef enum {
  GP_OUTCOME_NONE,
  GP_OUTCOME_COMPLETED,
  GP_OUTCOME_ESCALATED,
  GP_OUTCOME_ABANDONED,
} GpOutcome;

typedef enum {
  GP_OFFER_WHEN_ON_ENTER,
  GP_OFFER_WHEN_ON_COMPLETE,
} GpOfferWhen;

typedef enum {
  GP_SEVERITY_ERROR,
  GP_SEVERITY_WARNING,
} GpSeverity;

/* The nick of each value (e.g. "identity-check") is the spelling used in flow files. */
const char *gp_step_kind_to_string      (GpStepKind     kind);
const char *gp_element_type_to_string   (GpElementType  type);
const char *gp_failure_cause_to_string  (GpFailureCause cause);
const char *gp_priority_to_string       (GpPriority     priority);
const char *gp_outcome_to_string        (GpOutcome      outcome);
const char *gp_offer_when_to_string     (GpOfferWhen    when);

G_END_DECLS
