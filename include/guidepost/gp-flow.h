/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_FLOW (gp_flow_get_type ())

G_DECLARE_FINAL_TYPE (GpFlow, gp_flow, GP, FLOW, GObject)

/* A loaded flow file: immutable once returned by the loader. */
const char         *gp_flow_get_format            (GpFlow     *self);
const char         *gp_flow_get_id                (GpFlow     *self);
const char         *gp_flow_get_version           (GpFlow     *self);
const char         *gp_flow_get_locale            (GpFlow     *self);
const char         *gp_flow_get_title             (GpFlow     *self);
const char         *gp_flow_get_service_name      (GpFlow     *self);
const char         *gp_flow_get_service_url       (GpFlow     *self);
const char         *gp_flow_get_summary           (GpFlow     *self);
const char * const *gp_flow_get_goals             (GpFlow     *self);
const char * const *gp_flow_get_prerequisites     (GpFlow     *self);
/* Returns: minutes, or a negative number when the flow does not say. */
double              gp_flow_get_estimated_minutes (GpFlow     *self);
const char         *gp_flow_get_start_id          (GpFlow     *self);
GpStep             *gp_flow_get_start_step        (GpFlow     *self);
guint               gp_flow_get_n_steps           (GpFlow     *self);
GpStep             *gp_flow_get_step              (GpFlow     *self,
                                                   guint       index);
GpStep             *gp_flow_lookup_step           (GpFlow     *self,
                                                   const char *id);
/* Where the flow came from (a path or resource URI), for messages; may be NULL. */
const char         *gp_flow_get_origin            (GpFlow     *self);
/* Returns: (transfer none) (nullable): the x- keys of the top-level object */
JsonObject         *gp_flow_get_extensions        (GpFlow     *self);

/* Returns: (transfer full): the flow as format-1 JSON, x- keys included */
JsonNode           *gp_flow_to_json               (GpFlow     *self);
char               *gp_flow_to_data               (GpFlow     *self,
                                                   gsize      *length);

G_END_DECLS
