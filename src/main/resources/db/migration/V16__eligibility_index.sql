-- "Has this group been funded before?" (the routing's firstTimeApplicant) asks by organisation and status across
-- every fund; ix_application_organisation leads with the fund after the organisation, so that question read every
-- application the group ever made. This index answers it from the two columns it filters on.
CREATE INDEX ix_application_organisation_status ON application (organisation_id, status);
