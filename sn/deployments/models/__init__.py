from sn.deployments.models.deployments import Deployment, LentOfficer

__all__ = ["Deployment", "LentOfficer"]
