"""Nearest gemeenten by taakzwaarte profile ("peers").

Why this profile: two gemeenten are comparable for the Wmo when the *same*
gemeentefonds maatstaven drive their taak — not merely when their total index
is equal (a large regional centre and a rural gemeente with many 75-plussers can
share an index). So the profile is the index split per maatstaf in € per inwoner,
plus log(inwoners) because scale changes how a gemeente can organise toegang and
inkoop. Every feature is z-standardised over the 342 gemeenten so that no single
maatstaf dominates the Euclidean distance.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from wijkkompas.core import reference


@lru_cache(maxsize=1)
def profile_matrix() -> pd.DataFrame:
    """Standardised features per gemeente (index = code)."""
    features = reference.componenten_per_inwoner()
    table = reference.gemeenten().set_index("code")
    features["log_inwoners"] = np.log(table.loc[features.index, "inwoners"].astype(float))
    return (features - features.mean()) / features.std(ddof=0)


def peers(code: str, n: int = 10) -> pd.DataFrame:
    """The ``n`` nearest gemeenten: columns code, naam, afstand (standardised Euclidean), taakzwaarte_klasse."""
    own = reference.find_gemeente(code).code
    matrix = profile_matrix()
    diff = matrix.to_numpy() - matrix.loc[own].to_numpy()
    distance = pd.Series(np.sqrt((diff**2).sum(axis=1)), index=matrix.index).drop(own)
    nearest = distance.sort_values(kind="stable").head(n)
    table = reference.gemeenten().set_index("code")
    return pd.DataFrame({
        "code": nearest.index,
        "naam": table.loc[nearest.index, "naam"].to_numpy(),
        "afstand": nearest.round(3).to_numpy(),
        "taakzwaarte_klasse": table.loc[nearest.index, "taakzwaarte_klasse"].to_numpy(),
    })
