/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <guidepost/gp-flow-error.h>

G_DEFINE_QUARK (gp-flow-error-quark, gp_flow_error)
